import { describe, expect, it } from "vitest";
import { resolveDateVersion } from "./date-version";

describe("resolveDateVersion", () => {
  const supported = ["2026-01", "2026-04", "2026-07"];

  it("does serve a supported version as itself", () => {
    expect(resolveDateVersion("2026-04", supported)).toBe("2026-04");
  });

  it("does serve a retired version with the oldest supported one", () => {
    expect(resolveDateVersion("2025-10", supported)).toBe("2026-01");
    expect(resolveDateVersion("2024-12", supported)).toBe("2026-01");
  });

  it("does not serve an unreleased version, a month between releases or a malformed one", () => {
    expect(resolveDateVersion("2026-10", supported)).toBeNull();
    expect(resolveDateVersion("2026-05", supported)).toBeNull();
    expect(resolveDateVersion("2026-00", supported)).toBeNull();
    expect(resolveDateVersion("2.0", supported)).toBeNull();
  });
});
