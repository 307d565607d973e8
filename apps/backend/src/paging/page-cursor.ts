// Keyset cursors for every paged list: the list (and ordering) a cursor belongs to, and the last
// row's sort value and tie-breaker, as base64url-encoded JSON. The next page starts right after that
// row even when it changed or went away in between (an eCom order that reaches X-Series becomes
// another Order row; a reopened alert moves to the top). Clients hold cursors as opaque strings;
// a list refuses the cursors of every other list.
import { DomainError } from "@greenloop/order-sync/errors";

export interface PageCursor {
  /** Which list and ordering the cursor belongs to (e.g. `customers:spend:desc`). */
  scope: string;
  /** The last row's sort value, as text (a time as ISO 8601). */
  value: string;
  /** The last row's tie-breaker: a unique column (a row id, an eCom order number). */
  id: string;
}

/** What a refused cursor is told. Clients show it, so each list keeps the words it always had. */
export interface CursorRefusal {
  /** Not a cursor, or not one this list writes. */
  invalid: string;
  /** A cursor of another list or ordering. */
  otherList: string;
}

export interface CursorChecks {
  /** Whether the value is one this list writes (a time, a number); default: any text. */
  isValue?: (value: string) => boolean;
  /** Whether the id is one this list writes; default: a row id (a UUID). */
  isId?: (id: string) => boolean;
  /** Default: the customer lists' words. */
  refusal?: CursorRefusal;
}

/** The monitoring lists' words (`sync.missing`, `sync.alerts`): the same for every refusal. */
export const monitoringListRefusal: CursorRefusal = {
  invalid: "not a cursor of this list: pass the last page's nextCursor",
  otherList: "not a cursor of this list: pass the last page's nextCursor",
};

const customerListRefusal: CursorRefusal = {
  invalid: "The cursor is not valid: pass a nextCursor as received.",
  otherList: "The cursor belongs to another list or ordering: start again without a cursor.",
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

/** A time `new Date` reads, as cursors of time-ordered lists hold their value. */
export function isTimeText(text: string): boolean {
  return !Number.isNaN(new Date(text).getTime());
}

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.scope, cursor.value, cursor.id])).toString("base64url");
}

/** The cursor `raw` holds, if it is one of the list `scope` names; otherwise a BAD_INPUT error. */
export function decodePageCursor(
  raw: string,
  scope: string,
  checks: CursorChecks = {},
): PageCursor {
  const { isValue = () => true, isId = isUuid, refusal = customerListRefusal } = checks;
  const refuse = (message: string) =>
    new DomainError("BAD_INPUT", message, { details: { field: "cursor" } });
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
    throw refuse(refusal.invalid);
  }
  const [cursorScope, value, id] = parsed as [string, string, string];
  if (!isId(id)) throw refuse(refusal.invalid);
  if (cursorScope !== scope) throw refuse(refusal.otherList);
  if (!isValue(value)) throw refuse(refusal.invalid);
  return { scope, value, id };
}

/** The first `limit` rows (of `limit + 1` read) and the cursor after them, if more follow. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => PageCursor,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last !== undefined ? encodePageCursor(cursorOf(last)) : null,
  };
}
