import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./spreadsheet-csv";

describe("csvCell", () => {
  it("does prefix every cell a spreadsheet would run as a formula with '", () => {
    for (const value of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(value).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("1001")).toBe("1001");
    expect(csvCell("a'=b")).toBe("a'=b");
  });

  it("does quote cells with quotes, commas and line breaks", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("\rx")).toBe(`"'\rx"`);
  });
});

describe("csvLine", () => {
  it("does neutralise a formula followed by a line break (papaparse's escapeFormulae misses it)", () => {
    expect(csvLine(["=1+1\n2", "ok"])).toBe(`"'=1+1\n2",ok\r\n`);
  });

  it("does write empty cells as nothing and end the line with CRLF", () => {
    expect(csvLine(["", "a", ""])).toBe(",a,\r\n");
  });
});
