// Walks an API 2.0 list by its version cursor (reference §4.1): `after` = the previous page's
// `version.max`, stop on an empty page. Pages are yielded one by one so the caller can save `after`
// after each and resume from it later.
import { DomainError } from "../errors";
import {
  isObject,
  type MalformedRecord,
  type ParsedRecord,
  type ParseRecordResult,
  readRecordVersion,
} from "./parse-record";

export interface VersionRange {
  min: number;
  max: number;
}

export interface VersionPage<T> {
  records: ParsedRecord<T>[];
  /** Records that failed their schema: reported, not fatal, and still moved past by the cursor. */
  malformed: MalformedRecord[];
  /** As reported by the server, or worked out from the records when the envelope lacks it. */
  version: VersionRange | null;
  /** Pass this as `after` to continue right after this page. */
  after: number;
}

export interface PaginateByVersionOptions<T> {
  /** Cursor to start after (0 = from the beginning). */
  after?: number | undefined;
  /** Fetches the collection body for one `after`. */
  fetchPage: (after: number) => Promise<unknown>;
  parseRecord: (raw: unknown) => ParseRecordResult<T>;
  /** Called once per malformed record, e.g. to emit an event. */
  onMalformed?: ((record: MalformedRecord) => void) | undefined;
  /**
   * `throw` (sales, customers): a non-empty page that does not move the cursor forward breaks the
   * contract and would loop forever. `stop`: for small lists that may ignore `after` and return
   * everything on every request; the first page is then all there is.
   */
  onStall: "throw" | "stop";
  signal?: AbortSignal | undefined;
}

export async function* paginateByVersion<T>(
  options: PaginateByVersionOptions<T>,
): AsyncGenerator<VersionPage<T>, void, undefined> {
  let after = options.after ?? 0;
  let firstPage = true;
  for (;;) {
    options.signal?.throwIfAborted();
    const { data, version } = readCollection(await options.fetchPage(after));
    if (data.length === 0) return;

    const records: ParsedRecord<T>[] = [];
    const malformed: MalformedRecord[] = [];
    let highest: number | null = null;
    let lowest: number | null = null;
    for (const raw of data) {
      const result = options.parseRecord(raw);
      if (result.ok) {
        records.push(result.record);
      } else {
        malformed.push(result.malformed);
        options.onMalformed?.(result.malformed);
      }
      const recordVersion = readRecordVersion(raw);
      if (recordVersion !== null) {
        highest = highest === null ? recordVersion : Math.max(highest, recordVersion);
        lowest = lowest === null ? recordVersion : Math.min(lowest, recordVersion);
      }
    }

    const range =
      version ?? (highest !== null && lowest !== null ? { min: lowest, max: highest } : null);
    if (range === null || range.max <= after) {
      if (options.onStall === "stop") {
        // Only the first answer is new; a later one that does not advance repeats the whole list.
        if (firstPage) yield { records, malformed, version: range, after: range?.max ?? after };
        return;
      }
      throw new DomainError("UNAVAILABLE", "Lightspeed list did not advance its version cursor", {
        details: { after, versionMax: range?.max ?? null, records: data.length },
      });
    }
    yield { records, malformed, version: range, after: range.max };
    after = range.max;
    firstPage = false;
  }
}

/** Reads `{data: [...], version: {min, max} | null}`; a missing `version` object is tolerated. */
function readCollection(body: unknown): { data: unknown[]; version: VersionRange | null } {
  if (!isObject(body) || !Array.isArray(body.data)) {
    throw new DomainError("UNAVAILABLE", "Lightspeed list response has no data array");
  }
  const version = isObject(body.version) ? body.version : null;
  const min = version?.min;
  const max = version?.max;
  return {
    data: body.data,
    version:
      typeof min === "number" && typeof max === "number" && Number.isSafeInteger(max)
        ? { min, max }
        : null,
  };
}
