// Opaque keyset cursors: the last row's sort value and id, base64url-encoded JSON. A cursor only
// says where a page ended; it is checked against the list it is used on.
import { DomainError } from "@greenloop/order-sync/errors";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PageCursor {
  /** Which list and ordering the cursor belongs to (e.g. `customers:spend:desc`). */
  scope: string;
  /** The last row's sort value, as text. */
  value: string;
  /** The last row's id (the tie-breaker). */
  id: string;
}

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.scope, cursor.value, cursor.id])).toString("base64url");
}

export function decodePageCursor(raw: string, scope: string): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((part) => typeof part === "string")
  ) {
    throw new DomainError("BAD_INPUT", "The cursor is not valid: pass a nextCursor as received.");
  }
  const [cursorScope, value, id] = parsed as [string, string, string];
  if (!uuid.test(id)) {
    throw new DomainError("BAD_INPUT", "The cursor is not valid: pass a nextCursor as received.");
  }
  if (cursorScope !== scope) {
    throw new DomainError(
      "BAD_INPUT",
      "The cursor belongs to another list or ordering: start again without a cursor.",
    );
  }
  return { scope, value, id };
}
