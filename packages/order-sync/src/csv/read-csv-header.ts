// Reads an export's header line (BOM stripped, line break detected), with clear errors for a file
// that is empty or not CSV text.
import { DomainError } from "../errors";
import type { TextChunkReader } from "./read-text-chunks";

const MAX_HEADER_CHARS = 1 << 20;

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
  /** Set when the input ends inside the header line: no line break follows it. */
  unterminated?: true;
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
    ...(breakAt === -1 ? { unterminated: true as const } : {}),
  };
}
