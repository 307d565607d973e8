// A customer's order history across channels, newest first, with the app's tag: `retail` (in
// store), `ecom_synced` (online, reached X-Series) or `ecom_unsynced` (online, not in X-Series yet).
import type { Database, OrderChannel, OrderStatus } from "@greenloop/db";
import Decimal from "decimal.js";
import { decodePageCursor, encodePageCursor, isTimeText } from "../paging/page-cursor";
import { resolveCustomerId } from "./resolve-customer-id";

export const orderSources = ["retail", "ecom_synced", "ecom_unsynced"] as const;
export type OrderSource = (typeof orderSources)[number];

export interface CustomerOrderItem {
  id: string;
  source: OrderSource;
  channel: OrderChannel;
  /** What to show as the order's number: the X-Series receipt, else the eCom order number. */
  receiptNumber: string;
  /** The X-Series invoice number, once the order is in X-Series. */
  invoiceNumber: string | null;
  ecomOrderNumber: string | null;
  placedAt: Date;
  /** What the customer paid, net of loyalty redemptions. */
  total: Decimal;
  refundedTotal: Decimal;
  status: OrderStatus;
  /** Voided and cancelled orders are listed but leave the lifetime value. */
  countsInAnalytics: boolean;
  /** Online orders: when the order reached X-Series, and how long that took. */
  reachedRetailAt: Date | null;
  syncDelaySeconds: number | null;
}

export interface CustomerOrdersPage {
  items: CustomerOrderItem[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const SCOPE = "orders:placedAt:desc";

export async function listCustomerOrders(
  db: Pick<Database, "prisma">,
  input: { customerId: string; limit: number; cursor?: string | undefined },
): Promise<CustomerOrdersPage> {
  const after = input.cursor
    ? decodePageCursor(input.cursor, SCOPE, { isValue: isTimeText })
    : null;
  const afterAt = after ? new Date(after.value) : null;
  const rows = await db.prisma.order.findMany({
    where: {
      customerId: input.customerId,
      ...(after && afterAt
        ? {
            OR: [{ placedAt: { lt: afterAt } }, { placedAt: afterAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      source: true,
      channel: true,
      retailSaleId: true,
      ecomOrderNumber: true,
      placedAt: true,
      total: true,
      refundedTotal: true,
      status: true,
      countsInAnalytics: true,
      reachedRetailAt: true,
      syncDelaySeconds: true,
    },
  });
  const page = rows.slice(0, input.limit);
  const saleIds = page.flatMap((o) => (o.retailSaleId ? [o.retailSaleId] : []));
  const sales =
    saleIds.length === 0
      ? []
      : await db.prisma.retailSale.findMany({
          where: { id: { in: saleIds } },
          select: { id: true, invoiceNumber: true },
        });
  const invoiceBySale = new Map(sales.map((s) => [s.id, s.invoiceNumber]));
  const last = page.at(-1);
  return {
    items: page.map((order) => {
      const invoiceNumber = order.retailSaleId
        ? (invoiceBySale.get(order.retailSaleId) ?? null)
        : null;
      return {
        id: order.id,
        source: sourceOf(order.source, order.channel),
        channel: order.channel,
        receiptNumber: invoiceNumber ?? order.ecomOrderNumber ?? order.retailSaleId ?? order.id,
        invoiceNumber,
        ecomOrderNumber: order.ecomOrderNumber,
        placedAt: order.placedAt,
        total: new Decimal(order.total.toString()),
        refundedTotal: new Decimal(order.refundedTotal.toString()),
        status: order.status,
        countsInAnalytics: order.countsInAnalytics,
        reachedRetailAt: order.reachedRetailAt,
        syncDelaySeconds: order.syncDelaySeconds,
      };
    }),
    nextCursor:
      rows.length > input.limit && last
        ? encodePageCursor({ scope: SCOPE, value: last.placedAt.toISOString(), id: last.id })
        : null,
  };
}

function sourceOf(source: string, channel: OrderChannel): OrderSource {
  if ((orderSources as readonly string[]).includes(source)) return source as OrderSource;
  // The column is free text; the channel still tells in store from online.
  return channel === "RETAIL" ? "retail" : "ecom_unsynced";
}

/** The orders of a customer id as a caller holds it (a merged-away id lists the survivor's). */
export async function listOrdersOfCustomer(
  db: Pick<Database, "prisma">,
  input: { customerId: string; limit: number; cursor?: string | undefined },
): Promise<CustomerOrdersPage & { customerId: string; mergedInto: string | null }> {
  const resolved = await resolveCustomerId(db, input.customerId);
  const page = await listCustomerOrders(db, { ...input, customerId: resolved.customerId });
  return { customerId: resolved.customerId, mergedInto: resolved.mergedInto, ...page };
}
