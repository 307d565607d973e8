// The staff's customer list: search by name, email or phone, filter by segment, sort by spend,
// recency or predicted value, in stable keyset pages. Only live customers: merged-away and erased
// ones are left out.
import type { Database } from "@greenloop/db";
import {
  type CountryCode,
  looseEmailKey,
  normalizeEmail,
  normalizePhone,
} from "@greenloop/order-sync/identity";
import Decimal from "decimal.js";
import { decodePageCursor, encodePageCursor } from "../paging/page-cursor";
import {
  type AppInactiveSegment,
  type CustomerSummary,
  loadCustomerSummaries,
} from "./customer-summary";

export const customerSorts = ["spend", "recency", "clv"] as const;
export type CustomerSort = (typeof customerSorts)[number];

export interface ListCustomersInput {
  /** A name (part of it), an email (or its start) or a phone number. */
  search?: string | undefined;
  rfmSegment?: string | undefined;
  tier?: string | undefined;
  inactiveSegment?: AppInactiveSegment | undefined;
  isVip?: boolean | undefined;
  /** spend: lifetime value; recency: last order; clv: predicted 365-day value. Default spend. */
  sort?: CustomerSort | undefined;
  /** Default desc (biggest, latest first). Customers without the figure come last either way. */
  direction?: "asc" | "desc" | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface CustomerListItem extends CustomerSummary {
  rfmSegment: string | null;
  predictedClv365d: Decimal | null;
}

export interface CustomerListPage {
  items: CustomerListItem[];
  nextCursor: string | null;
  /** Customers matching the search and filters, on every page (not only those still to come). */
  total: number;
}

const sortExpressions: Record<CustomerSort, string> = {
  spend: `m."totalSpend"`,
  // Milliseconds since the epoch: one numeric key type for every sort, exact for timestamptz(3).
  recency: `(EXTRACT(EPOCH FROM m."lastOrderAt") * 1000)`,
  clv: `m."predictedValue365d"`,
};

const numericKey = /^(-?\d+(\.\d+)?|-?Infinity)$/;

export async function listCustomers(
  db: Pick<Database, "prisma">,
  input: ListCustomersInput,
  options: { defaultRegion: CountryCode },
): Promise<CustomerListPage> {
  const sort = input.sort ?? "spend";
  const direction = input.direction ?? "desc";
  const scope = `customers:${sort}:${direction}`;
  const after = input.cursor
    ? decodePageCursor(input.cursor, scope, { isValue: (value) => numericKey.test(value) })
    : null;

  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`c."mergedIntoId" IS NULL`, `c."erasedAt" IS NULL`];
  if (input.rfmSegment !== undefined) where.push(`m."rfmSegment" = ${param(input.rfmSegment)}`);
  if (input.tier !== undefined) where.push(`m.tier = ${param(input.tier)}`);
  if (input.inactiveSegment !== undefined) {
    where.push(`m."inactivitySegment" = ${param(input.inactiveSegment)}`);
  }
  if (input.isVip !== undefined) where.push(`COALESCE(m."isVip", false) = ${param(input.isVip)}`);
  const search = input.search?.trim();
  if (search) where.push(searchCondition(search, param, options.defaultRegion));

  // Counted before the keyset and limit take their parameters: the same filters, all pages.
  const filterParams = [...params];
  const counted = db.prisma.$queryRawUnsafe<Array<{ total: number }>>(
    `SELECT count(*)::int AS total
       FROM "Customer" c
       LEFT JOIN "CustomerMetrics" m ON m."customerId" = c.id
      WHERE ${where.join(" AND ")}`,
    ...filterParams,
  );

  // Nulls (no orders yet, no prediction) sort last in both directions.
  const sentinel = direction === "desc" ? `'-Infinity'::numeric` : `'Infinity'::numeric`;
  const comparison = direction === "desc" ? "<" : ">";
  const order = direction === "desc" ? "DESC" : "ASC";
  const keyset = after
    ? `WHERE (s.key, s.id) ${comparison} (${param(after.value)}::numeric, ${param(after.id)}::uuid)`
    : "";
  const limit = param(input.limit + 1);
  const rows = await db.prisma.$queryRawUnsafe<
    Array<{ id: string; key: string; rfmSegment: string | null; clv: string | null }>
  >(
    `SELECT s.id::text AS id, s.key::text AS key, s."rfmSegment", s.clv
       FROM (SELECT c.id, COALESCE(${sortExpressions[sort]}, ${sentinel}) AS key,
                    m."rfmSegment", m."predictedValue365d"::text AS clv
               FROM "Customer" c
               LEFT JOIN "CustomerMetrics" m ON m."customerId" = c.id
              WHERE ${where.join(" AND ")}) s
      ${keyset}
      ORDER BY s.key ${order}, s.id ${order}
      LIMIT ${limit}`,
    ...params,
  );
  const [count] = await counted;
  const page = rows.slice(0, input.limit);
  const summaries = await loadCustomerSummaries(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.flatMap((row) => {
      const summary = summaries.get(row.id);
      return summary
        ? [
            {
              ...summary,
              rfmSegment: row.rfmSegment,
              predictedClv365d: row.clv === null ? null : new Decimal(row.clv),
            },
          ]
        : [];
    }),
    nextCursor:
      rows.length > input.limit && last
        ? encodePageCursor({ scope, value: last.key, id: last.id })
        : null,
    total: count?.total ?? 0,
  };
}

/**
 * Name: a case-insensitive part of the display name. Email: the exact address or another spelling
 * of the same mailbox (the loose key), or the start of an address. Phone: the number, normalized.
 */
function searchCondition(
  search: string,
  param: (value: unknown) => string,
  defaultRegion: CountryCode,
): string {
  const identity: string[] = [];
  const email = normalizeEmail(search);
  if (email) {
    identity.push(`(i.kind = 'EMAIL' AND i."normalizedValue" = ${param(email)})`);
    identity.push(
      `(i.kind = 'EMAIL_LOOSE' AND i."normalizedValue" = ${param(looseEmailKey(email))})`,
    );
  } else if (search.length >= 3 && !/\s/u.test(search)) {
    identity.push(
      `(i.kind = 'EMAIL' AND i."normalizedValue" LIKE ${param(`${escapeLike(search.toLowerCase())}%`)})`,
    );
  }
  const digits = search.replace(/\D/gu, "").length;
  const phone = digits >= 7 ? normalizePhone(search, defaultRegion) : null;
  if (phone) identity.push(`(i.kind = 'PHONE' AND i."normalizedValue" = ${param(phone)})`);
  const name = `c."displayName" ILIKE ${param(`%${escapeLike(search)}%`)}`;
  if (identity.length === 0) return `(${name})`;
  return `(${name} OR EXISTS (SELECT 1 FROM "CustomerIdentity" i
                           WHERE i."customerId" = c.id AND (${identity.join(" OR ")})))`;
}

/** LIKE's wildcards in user input match themselves (the default escape character is `\`). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/gu, (c) => `\\${c}`);
}
