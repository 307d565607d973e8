// Strings cut from a big string keep it alive: V8 stores a substring of 13+ characters as a view
// of its parent, and a concatenation as a pair of references. The parser's values are views of
// 1 MiB chunks of the file; one kept for the whole import (a map key, an issue message) would keep
// its chunk, and enough of them the file. Copy such strings with `detachString` before keeping them.

/** A flat copy of `text` that shares no memory with the string it was cut from. */
export function detachString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}
