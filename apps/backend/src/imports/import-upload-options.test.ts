import { describe, expect, it } from "vitest";
import { importUploadBody, parseUploadOptions, uploadOptionsLine } from "./import-upload-options";

describe("parseUploadOptions", () => {
  it("reads format, dryRun and fileName from a query string, with defaults", () => {
    expect(parseUploadOptions("")).toEqual({
      format: "auto",
      dryRun: false,
      fileName: "upload.csv",
    });
    expect(parseUploadOptions("format=shopify&dryRun=1&fileName=May%20orders.csv")).toEqual({
      format: "shopify",
      dryRun: true,
      fileName: "May orders.csv",
    });
    expect(parseUploadOptions("dryRun=false").dryRun).toBe(false);
  });

  it("keeps only the last segment of a file name given with a path", () => {
    expect(parseUploadOptions("fileName=C:%5Cexports%5Corders.csv").fileName).toBe("orders.csv");
    expect(parseUploadOptions("fileName=..%2F..%2Fetc%2Forders.csv").fileName).toBe("orders.csv");
  });

  it("refuses unknown, repeated and invalid options with BAD_INPUT", () => {
    expect(() => parseUploadOptions("fromat=ecwid")).toThrow(/unknown option\(s\) fromat/);
    expect(() => parseUploadOptions("format=ecwid&format=shopify")).toThrow(/given twice: format/);
    expect(() => parseUploadOptions("format=excel")).toThrow(/format/);
    expect(() => parseUploadOptions("dryRun=yes")).toThrow(/dryRun/);
    expect(() => parseUploadOptions("fileName=a%0Ab.csv")).toThrow(/control characters/);
    expect(() => parseUploadOptions(`fileName=${"x".repeat(300)}`)).toThrow(/255/);
    try {
      parseUploadOptions("format=excel");
    } catch (error) {
      expect(error).toMatchObject({ code: "BAD_INPUT" });
    }
  });
});

describe("importUploadBody", () => {
  it("puts the options line before the file, which parseUploadOptions reads back", async () => {
    const line = uploadOptionsLine({ format: "ecwid", dryRun: true, fileName: "a&b=c.csv" });
    expect(line.startsWith("?")).toBe(true);
    expect(line.endsWith("\n")).toBe(true);
    expect(parseUploadOptions(line.slice(1, -1))).toEqual({
      format: "ecwid",
      dryRun: true,
      fileName: "a&b=c.csv",
    });
    const body = importUploadBody(new TextEncoder().encode("order_number;email\n"), {
      fileName: "x.csv",
    });
    expect(await body.text()).toBe("?fileName=x.csv\norder_number;email\n");
  });
});
