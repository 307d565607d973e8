// A form body's text, refused unless it is UTF-8 throughout: as raw bytes, and inside its
// percent-escapes, which URLSearchParams would otherwise turn into U+FFFD and store as if read.
import { DomainError } from "../errors";

const PERCENT_ESCAPES = /(?:%[0-9a-f]{2})+/gi;

/** The body as text. Throws DomainError BAD_INPUT "webhook body is not valid UTF-8". */
export function readUtf8Form(body: string | Uint8Array): string {
  let text: string;
  try {
    text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw notUtf8();
  }
  // A run of escapes is whole characters (an unescaped byte never continues one), so each run
  // decodes on its own; a lone `%` escapes nothing and is left alone, as URLSearchParams does.
  for (const [run] of text.matchAll(PERCENT_ESCAPES)) {
    try {
      decodeURIComponent(run);
    } catch {
      throw notUtf8();
    }
  }
  return text;
}

function notUtf8(): DomainError {
  return new DomainError("BAD_INPUT", "webhook body is not valid UTF-8");
}
