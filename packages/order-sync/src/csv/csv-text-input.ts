// The text side of reading an export: UTF-8 chunks from a stream, file or string, and the header
// line (BOM stripped, line break detected), with clear errors for files that are not CSV text.
import { DomainError } from "../errors";

export type EcomCsvInput = NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | string;

const MAX_HEADER_CHARS = 1 << 20;

/** Reads the input as text chunks of roughly `minChars`, each prefixed with the caller's carry. */
export interface TextChunkReader {
  /** The next chunk with `carry` in front, or null at the end of the input (carry unused then). */
  next(carry: string): Promise<string | null>;
  /** Stops reading (ends the stream). */
  close(): Promise<void>;
}

/** Where a buffer stops being whole UTF-8 characters (a multi-byte character may be cut off). */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length > end ? i : end;
  }
  return end;
}

/**
 * Byte input is gathered into about `minChars` bytes and decoded once, together with the carry
 * (encoded back, it is short): one string per chunk, where decoding each piece, joining the pieces
 * and prepending the carry would copy the text three times. A BOM is kept (the header strips it).
 */
export function readTextChunks(input: EcomCsvInput, minChars: number): TextChunkReader {
  if (typeof input === "string") {
    let at = 0;
    return {
      async next(carry) {
        if (at >= input.length) return null;
        const piece = input.slice(at, at + minChars);
        at += minChars;
        return carry + piece;
      },
      async close() {
        at = input.length;
      },
    };
  }
  const source = (input as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const encoder = new TextEncoder();
  let pending: Uint8Array = new Uint8Array(0);
  let done = false;
  return {
    async next(carry) {
      if (done && pending.length === 0) return null;
      const pieces: Uint8Array[] = [encoder.encode(carry), pending];
      let size = pending.length;
      while (!done && size < minChars) {
        const step = await source.next();
        if (step.done) {
          done = true;
          break;
        }
        const piece = typeof step.value === "string" ? encoder.encode(step.value) : step.value;
        pieces.push(piece);
        size += piece.length;
      }
      if (size === 0 && done) return null;
      const bytes = Buffer.concat(pieces);
      const whole = done ? bytes.length : completeUtf8Length(bytes);
      pending = bytes.subarray(whole);
      return decoder.decode(bytes.subarray(0, whole));
    },
    async close() {
      done = true;
      pending = new Uint8Array(0);
      await source.return?.(undefined);
    },
  };
}

export function describeFile(fileName: string | undefined): string {
  return fileName ? `"${fileName}"` : "the file";
}

function rejectNonText(head: string, fileName: string | undefined): void {
  const where = describeFile(fileName);
  const sample = head.slice(0, 4096);
  if (sample.includes("\u0000") || sample.includes("\uFFFD") || sample.startsWith("\u0089PNG")) {
    throw new DomainError(
      "BAD_INPUT",
      `${where} is not a CSV text file (it contains binary data); expected a UTF-8 order export`,
    );
  }
  const first = sample.trimStart()[0];
  if (first === "{" || first === "[") {
    throw new DomainError(
      "BAD_INPUT",
      `${where} looks like JSON, not CSV; expected an order export whose first line is a header row`,
    );
  }
}

export interface CsvHeader {
  /** The header line without BOM and line break. */
  line: string;
  newline: "\n" | "\r\n" | "\r";
  /** The text read past the header line. */
  rest: string;
  /** The input had no more chunks after `rest`. */
  exhausted: boolean;
}

/** Reads until the first line break. Throws BAD_INPUT for an empty, binary or JSON file. */
export async function readCsvHeader(
  chunks: TextChunkReader,
  fileName: string | undefined,
): Promise<CsvHeader> {
  let buffer = "";
  let breakAt = -1;
  let exhausted = false;
  // A CR that ends what was read may be the first half of a CRLF: read on to know.
  while (breakAt === -1 || (buffer[breakAt] === "\r" && breakAt + 1 === buffer.length)) {
    const next = await chunks.next(buffer);
    if (next === null) {
      exhausted = true;
      break;
    }
    buffer = next;
    if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    rejectNonText(buffer, fileName);
    breakAt = buffer.search(/[\r\n]/);
    if (breakAt === -1 && buffer.length > MAX_HEADER_CHARS) {
      throw new DomainError(
        "BAD_INPUT",
        `${describeFile(fileName)} is not a CSV order export: no line break in the first ${MAX_HEADER_CHARS} characters`,
      );
    }
  }
  if (buffer.trim().length === 0) {
    throw new DomainError("BAD_INPUT", `${describeFile(fileName)}: the file is empty`);
  }
  let newline: CsvHeader["newline"] = "\n";
  if (breakAt !== -1 && buffer[breakAt] === "\r") {
    newline = buffer[breakAt + 1] === "\n" ? "\r\n" : "\r";
  }
  return {
    line: breakAt === -1 ? buffer : buffer.slice(0, breakAt),
    newline,
    rest: breakAt === -1 ? "" : buffer.slice(breakAt + newline.length),
    exhausted,
  };
}
