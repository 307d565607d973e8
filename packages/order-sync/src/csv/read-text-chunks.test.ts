import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readTextChunks } from "./read-text-chunks";

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
