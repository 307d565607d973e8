import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCsvHeader, readTextChunks } from "./csv-text-input";

async function readAll(input: Parameters<typeof readTextChunks>[0], minChars: number) {
  const reader = readTextChunks(input, minChars);
  const chunks: string[] = [];
  for (let chunk = await reader.next(""); chunk !== null; chunk = await reader.next("")) {
    chunks.push(chunk);
  }
  return chunks;
}

describe("readTextChunks", () => {
  it("does decode characters cut across buffers, byte by byte, and keeps a BOM for the header", async () => {
    const text = "\uFEFFname;city\nZoë;Zürich 🚀\n€;日本\n";
    const bytes = Buffer.from(text, "utf8");
    const oneByOne = Readable.from([...bytes].map((byte) => Buffer.from([byte])));
    const chunks = await readAll(oneByOne, 5);
    expect(chunks.join("")).toBe(text);
    expect(chunks.every((chunk) => !chunk.includes("\uFFFD"))).toBe(true);
  });

  it("does put the carry in front of the next chunk, and returns null at the end", async () => {
    const reader = readTextChunks(Readable.from([Buffer.from("abc"), Buffer.from("def")]), 3);
    expect(await reader.next("")).toBe("abc");
    expect(await reader.next("bc")).toBe("bcdef");
    expect(await reader.next("f")).toBeNull();
  });

  it("does replace bytes that are not UTF-8 rather than fail", async () => {
    const chunks = await readAll(Readable.from([Buffer.from([0x61, 0xff, 0x62])]), 1024);
    expect(chunks.join("")).toBe("a\uFFFDb");
  });
});

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
