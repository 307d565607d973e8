import { describe, expect, it } from "vitest";
import { readCsvHeader } from "./read-csv-header";
import { readTextChunks } from "./read-text-chunks";

describe("readCsvHeader", () => {
  it("does strip the BOM, detect CRLF and return what follows the header line", async () => {
    const header = await readCsvHeader(readTextChunks("\uFEFFa;b\r\n1;2\r\n", 3), "x.csv");
    expect(header).toEqual({ line: "a;b", newline: "\r\n", rest: "", exhausted: false });
  });

  it("does read on when a chunk ends between the CR and the LF of the header's line break", async () => {
    // Chunks "a;b\r", "\n1;2": deciding on the CR alone would leave a stray LF before line 2.
    const header = await readCsvHeader(readTextChunks("a;b\r\n1;2\r\n", 4), "x.csv");
    expect(header).toMatchObject({ line: "a;b", newline: "\r\n", rest: "1;2" });
    const cr = await readCsvHeader(readTextChunks("a;b\r", 4), "x.csv");
    expect(cr).toMatchObject({ line: "a;b", newline: "\r", rest: "", exhausted: true });
  });
});
