// A whole column of a batch as one Postgres array literal (`{"a","b",NULL}`), sent as a single
// text parameter and cast in SQL (`$1::text[]`, `$2::numeric[]`). Prisma's client engine pushes
// every raw-query parameter through its WASM query compiler, element by element and several
// times over (about 20 ms per MB here); one string per column is the cheapest way through it.

const ESCAPED = /["\\]/g;

function quoted(value: string | null): string {
  if (value === null) return "NULL";
  return value.indexOf('"') === -1 && value.indexOf("\\") === -1
    ? `"${value}"`
    : `"${value.replace(ESCAPED, "\\$&")}"`;
}

function plain(value: string | number | null): string {
  return value === null ? "NULL" : String(value);
}

/** One join, one flat string: concatenations would build a rope that Prisma copies again. */
function literal(elements: string[]): string {
  if (elements.length === 0) return "{}";
  elements[0] = `{${elements[0]}`;
  elements[elements.length - 1] = `${elements[elements.length - 1]}}`;
  return elements.join(",");
}

/** The array literal of any text values; null elements become SQL NULL. */
export function pgTextArray(values: ReadonlyArray<string | null>): string {
  return literal(values.map(quoted));
}

/**
 * The array literal of values that need no quoting: numbers, decimal strings, ISO timestamps,
 * hex digests (no quote, backslash, comma, brace or space). Cheaper to build and to send.
 */
export function pgPlainArray(values: ReadonlyArray<string | number | null>): string {
  return literal(values.map(plain));
}
