// API 2.0 list paging by the global version cursor (reference §4.1): rows with version > after
// (exclusive) and < before, ascending by version, at most page_size, `null` versions when empty.
import { SimulatorError } from "./simulator-error";

/** UNCONFIRMED upstream: default and maximum page_size of 2.0 lists. Our choice: 100 / 200. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 200;

export interface ListQuery {
  after: number;
  /** Exclusive upper bound (inclusivity is UNCONFIRMED upstream; exclusive is our choice). */
  before: number | null;
  pageSize: number;
  includeDeleted: boolean;
}

export interface VersionPage<T> {
  data: T[];
  version: { min: number | null; max: number | null };
}

export function parseListQuery(params: Record<string, string | undefined>): ListQuery {
  const after = parseInteger(params.after, "after", 0) ?? 0;
  const before = parseInteger(params.before, "before", 1);
  const requested = parseInteger(params.page_size, "page_size", 1) ?? DEFAULT_PAGE_SIZE;
  return {
    after,
    before,
    // Larger requests are clamped like the search endpoint does, not refused.
    pageSize: Math.min(requested, MAX_PAGE_SIZE),
    includeDeleted: params.deleted === "true" || params.deleted === "1",
  };
}

/**
 * `presorted`: the rows already come in ascending version order (the store keeps them so), which
 * lets a page stop early instead of sorting the whole table for every request.
 */
export function pageByVersion<T extends { version: number }>(
  rows: Iterable<T>,
  query: ListQuery,
  options: { presorted?: boolean } = {},
): VersionPage<T> {
  const matching: T[] = [];
  for (const row of rows) {
    if (row.version <= query.after) continue;
    if (query.before !== null && row.version >= query.before) continue;
    matching.push(row);
    if (options.presorted && matching.length >= query.pageSize) break;
  }
  if (!options.presorted) matching.sort((a, b) => a.version - b.version);
  const data = matching.slice(0, query.pageSize);
  return {
    data,
    version: {
      min: data[0]?.version ?? null,
      max: data.at(-1)?.version ?? null,
    },
  };
}

function parseInteger(raw: string | undefined, name: string, min: number): number | null {
  if (raw === undefined || raw === "") return null;
  if (!/^\d+$/.test(raw)) throw new SimulatorError("BAD_INPUT", `${name} must be an integer`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new SimulatorError("BAD_INPUT", `${name} must be an integer ≥ ${min}`);
  }
  return value;
}
