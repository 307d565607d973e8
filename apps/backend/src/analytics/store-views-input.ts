// What the store views share: input checks that fail as BAD_INPUT (these become tRPC procedures,
// so a caller's mistake must not surface as a database error), the counted-order selection in
// SQL, and money text exactly as SQL summed it.
import type { Database } from "@greenloop/db";
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import Decimal from "decimal.js";

/** The most rows a list view returns. */
export const MAX_LIST_LIMIT = 500;

export function assertValidDate(value: unknown, field: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new DomainError("BAD_INPUT", `${field} must be a valid date`, { details: { field } });
  }
}

export function assertWholeNumber(
  value: unknown,
  field: string,
  { min, max }: { min: number; max: number },
): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new DomainError("BAD_INPUT", `${field} must be a whole number from ${min} to ${max}`, {
      details: { field, min, max },
    });
  }
}

export function assertOneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): asserts value is T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError("BAD_INPUT", `${field} must be one of ${allowed.join(", ")}`, {
      details: { field, allowed },
    });
  }
}

/** A range [from, asOf]; from is optional. */
export function assertValidRange(asOf: unknown, from: unknown): void {
  assertValidDate(asOf, "asOf");
  if (from === undefined) return;
  assertValidDate(from, "from");
  if (from.getTime() > asOf.getTime()) {
    throw new DomainError("BAD_INPUT", "from must not be after asOf", {
      details: { field: "from" },
    });
  }
}

/**
 * The orders every analytics figure counts, as `selectCountedOrders` picks them: counted in
 * analytics, placed by asOf ($1), and, unless $2, not refunded in full. Columns: "customerId",
 * "placedAt", channel, net (total net of refunds, exact numeric).
 */
export const countedOrdersSql = `
  SELECT o."customerId", o."placedAt", o.channel, o.total - o."refundedTotal" AS net
    FROM "Order" o
   WHERE o."countsInAnalytics"
     AND o."placedAt" <= $1::timestamptz
     AND ($2::boolean OR NOT (o."refundedTotal" > 0 AND o."refundedTotal" >= o.total))`;

/**
 * Runs one aggregate over the orders with JIT compilation off. At a million orders the plan's
 * cost passes PostgreSQL's JIT thresholds, and compiling took longer than running (2.4 s of
 * 3.2 s for the weekly summary); SET LOCAL confines the setting to this transaction.
 */
export function queryOrders<T>(
  db: Pick<Database, "prisma">,
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL jit = off");
      return tx.$queryRawUnsafe<T[]>(sql, ...params);
    },
    { timeout: 120_000 },
  );
}

export type CountedOrderConfig = Pick<AnalyticsConfig, "countFullyRefundedOrders">;

/**
 * An exact amount as text with at least two decimals: `"1234.50000"` → `"1234.50"`, while
 * `"12.34567"` keeps its sub-cent digits (the columns hold five), so sums stay exact.
 */
export function exactMoney(value: string | Decimal | null): string {
  const amount = new Decimal(value ?? 0);
  if (amount.isZero()) return "0.00";
  return amount.toFixed(Math.max(2, amount.decimalPlaces()));
}

/** part / whole as a share 0..1; null when whole is zero. */
export function moneyShare(part: string, whole: string): number | null {
  const total = new Decimal(whole);
  return total.isZero() ? null : new Decimal(part).div(total).toNumber();
}
