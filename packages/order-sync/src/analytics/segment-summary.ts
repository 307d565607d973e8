// How many customers each segment holds and what they spend, for any labelling (RFM segments,
// loyalty tiers, inactivity segments): the caller supplies each customer's label.
import Decimal from "decimal.js";

export interface SegmentMember<S extends string> {
  segment: S;
  /** The customer's lifetime value (CustomerMetricsResult.totalSpend). */
  totalSpend: Decimal;
}

export interface SegmentSummary<S extends string> {
  segment: S;
  customerCount: number;
  revenue: Decimal;
  /** customerCount over all customers, 0..1; null without customers. */
  customerShare: number | null;
  /** revenue over all revenue; null when total revenue is zero. */
  revenueShare: number | null;
}

export interface SummarizeSegmentsOptions<S extends string> {
  /**
   * Segments to list first and in this order, even when empty (so a dashboard always shows all
   * eleven RFM segments). Others follow by revenue, then name.
   */
  segments?: readonly S[];
}

export function summarizeSegments<S extends string>(
  customers: Iterable<SegmentMember<S>>,
  { segments = [] }: SummarizeSegmentsOptions<S> = {},
): SegmentSummary<S>[] {
  const totals = new Map<S, { customerCount: number; revenue: Decimal }>();
  for (const segment of segments)
    totals.set(segment, { customerCount: 0, revenue: new Decimal(0) });
  let customerCount = 0;
  let revenue = new Decimal(0);
  for (const customer of customers) {
    const current = totals.get(customer.segment) ?? { customerCount: 0, revenue: new Decimal(0) };
    totals.set(customer.segment, {
      customerCount: current.customerCount + 1,
      revenue: current.revenue.plus(customer.totalSpend),
    });
    customerCount += 1;
    revenue = revenue.plus(customer.totalSpend);
  }

  const listed = new Set<S>(segments);
  const rank = (segment: S) => (listed.has(segment) ? segments.indexOf(segment) : segments.length);
  return [...totals.entries()]
    .map(([segment, total]) => ({
      segment,
      customerCount: total.customerCount,
      revenue: total.revenue,
      customerShare: customerCount === 0 ? null : total.customerCount / customerCount,
      revenueShare: revenue.isZero() ? null : total.revenue.div(revenue).toNumber(),
    }))
    .sort(
      (a, b) =>
        rank(a.segment) - rank(b.segment) ||
        b.revenue.cmp(a.revenue) ||
        (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0),
    );
}
