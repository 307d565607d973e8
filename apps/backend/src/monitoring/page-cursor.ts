// Keyset cursors for the monitoring lists: the last row's sort values, so that the next page
// starts right after them even when that row changed or went away in between (an eCom order that
// reaches X-Series becomes another Order row; a reopened alert moves to the top).
import { DomainError } from "@greenloop/order-sync/errors";

export interface PageCursor {
  /** The row's time column (the first sort key). */
  at: Date;
  /** Its tie-breaker: a unique column (the second sort key). */
  key: string;
}

export function encodePageCursor({ at, key }: PageCursor): string {
  return Buffer.from(JSON.stringify([at.toISOString(), key])).toString("base64url");
}

export function decodePageCursor(cursor: string): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, key] = parsed as unknown[];
    const time = typeof at === "string" ? new Date(at) : undefined;
    if (time && !Number.isNaN(time.getTime()) && typeof key === "string") {
      return { at: time, key };
    }
  }
  throw new DomainError("BAD_INPUT", "not a cursor of this list: pass the last page's nextCursor", {
    details: { field: "cursor" },
  });
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
