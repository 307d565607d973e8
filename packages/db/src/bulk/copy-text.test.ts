import { describe, expect, it } from "vitest";
import { copyStatement } from "./bulk-session";
import { copyTextChunks, copyTextValue } from "./copy-text";

const copyText = (rows: Parameters<typeof copyTextChunks>[0]) => [...copyTextChunks(rows)].join("");

describe("copyTextValue", () => {
  it("escapes what COPY's text format gives a meaning to, and nothing else", () => {
    expect(copyTextValue('a;b "c" é')).toBe('a;b "c" é');
    expect(copyTextValue("back\\slash\ttab\nnew\rret")).toBe("back\\\\slash\\ttab\\nnew\\rret");
    expect(copyTextValue("\\N")).toBe("\\\\N");
    expect(copyTextValue(null)).toBe("\\N");
    expect(copyTextValue("")).toBe("");
    expect(copyTextValue(12.5)).toBe("12.5");
  });

  it("refuses a number COPY cannot read", () => {
    expect(() => copyTextValue(Number.NaN)).toThrow(/finite/);
  });
});

describe("copyTextChunks", () => {
  it("writes one tab-separated line per row", () => {
    expect(
      copyText([
        ["a", 1, null],
        ["b\tc", 2, ""],
      ]),
    ).toBe("a\t1\t\\N\nb\\tc\t2\t\n");
    expect(copyText([])).toBe("");
  });

  it("cuts the text into whole rows", () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`r${i}`]);
    expect([...copyTextChunks(rows, 2)]).toEqual(["r0\nr1\n", "r2\nr3\n", "r4\n"]);
  });
});

describe("copyStatement", () => {
  it("quotes plain identifiers and refuses anything else", () => {
    expect(copyStatement("EcomOrder", ["id", "orderNumber"], "STDIN")).toBe(
      'COPY "EcomOrder" ("id", "orderNumber") FROM STDIN',
    );
    expect(() => copyStatement('x"; DROP TABLE y; --', ["a"], "STDIN")).toThrow(/identifier/);
    expect(() => copyStatement("t", [], "STDIN")).toThrow(/column/);
  });
});
