// The first stage of reading an export: its bytes (a stream, an async iterable or a string) as
// UTF-8 text chunks, never a character cut in two.

export type EcomCsvInput = NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | string;

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
