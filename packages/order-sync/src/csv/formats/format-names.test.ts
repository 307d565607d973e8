import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("format-names.ts", () => {
  it("does import nothing, so the dashboard's bundle takes no Node code with it", () => {
    const source = readFileSync(path.join(import.meta.dirname, "format-names.ts"), "utf8");
    expect(source).not.toMatch(/^\s*(import|export .* from)\b/m);
  });
});
