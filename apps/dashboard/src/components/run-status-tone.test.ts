import { describe, expect, it } from "vitest";
import { runStatusTone } from "./run-status-tone";

describe("runStatusTone", () => {
  it("does mark a failed run bad and a running one info", () => {
    expect(runStatusTone("FAILED")).toBe("bad");
    expect(runStatusTone("RUNNING")).toBe("info");
  });

  it("does mark an interrupted import run warn: its work is kept, a re-run finishes it", () => {
    expect(runStatusTone("INTERRUPTED")).toBe("warn");
  });

  it("does mark every finished status good", () => {
    expect(["COMPLETED", "DRY_RUN"].map(runStatusTone)).toEqual(["good", "good"]);
  });
});
