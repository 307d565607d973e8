// Decides which X-Series sales and eCom orders are one order, following ecom-csv.md §4.4:
// source_id, then the note's "Order ID:", then the export's X-series Order ID hint, never invoice
// or receipt numbers (they come from a register sequence and collide with in-store sales).
import { DomainError } from "../errors/domain-error";
import { recogniseEcomSale } from "../lightspeed/ecom-sale";
import { type EcomOrderFacts, type RetailSaleFacts, saleStateOf } from "./order-facts";

export type OrderKey =
  | { kind: "ecom"; orderNumber: string; matchedBy: "SOURCE_ID" | "NOTE_ORDER_ID" }
  | { kind: "retail"; saleId: string };

export type OrderMatch = "UNMATCHED" | "SOURCE_ID" | "NOTE_ORDER_ID" | "XSERIES_ORDER_ID_HINT";

/** Everything that makes up one order; at least one of `ecomOrder` and `sale` is set. */
export interface OrderSources {
  /** `ecom:<orderNumber>` or `retail:<saleId>`. */
  key: string;
  ecomOrder: EcomOrderFacts | null;
  sale: RetailSaleFacts | null;
  /** How `ecomOrder` and `sale` were joined; `UNMATCHED` unless both are set. */
  matchedBy: OrderMatch;
  /** Live return sales of `sale`, oldest first. */
  returns: RetailSaleFacts[];
  /** Ids of other live sales that claim the same eCom order number: reported, never counted. */
  duplicateSales: string[];
}

/** The order a (non-return) sale belongs to on its own: its eCom order number, else its id. */
export function orderKeyOfSale(sale: RetailSaleFacts): OrderKey {
  const match = recogniseEcomSale({
    source: sale.source,
    source_id: sale.sourceId,
    note: sale.note,
  });
  // An eCom sale without a number cannot be joined by number; it stands alone until a hint names it.
  if (!match.isEcom || match.orderNumber === null) return { kind: "retail", saleId: sale.id };
  return {
    kind: "ecom",
    orderNumber: match.orderNumber,
    matchedBy: match.matchedBy === "source_id" ? "SOURCE_ID" : "NOTE_ORDER_ID",
  };
}

/** The canonical order's key for an eCom order number (its synced sale's too). */
export function ecomOrderKey(orderNumber: string): string {
  return `ecom:${orderNumber}`;
}

function retailOrderKey(saleId: string): string {
  return `retail:${saleId}`;
}

export interface GroupOrderSourcesInput {
  sales: readonly RetailSaleFacts[];
  ecomOrders: readonly EcomOrderFacts[];
}

/**
 * Groups sales and eCom orders into orders, sorted by key. The result depends only on the set of
 * inputs, not their order: every tie is broken by a value, never by array position.
 */
export function groupOrderSources({ sales, ecomOrders }: GroupOrderSourcesInput): OrderSources[] {
  assertUnique(
    sales.map((sale) => sale.id),
    "sale id",
  );
  assertUnique(
    ecomOrders.map((order) => order.orderNumber),
    "eCom order number",
  );

  // Deleted sales are gone from X-Series: they neither form nor join an order.
  const live = sales.filter((sale) => sale.deletedAt === null);
  const orders = new Map<string, OrderSources>();
  const orderKeyBySaleId = new Map<string, string>();
  const unnumberedSales = new Map<string, RetailSaleFacts>();
  const claimsByNumber = new Map<string, { sale: RetailSaleFacts; matchedBy: OrderMatch }[]>();
  // How each kept sale named its number, for when its eCom order joins.
  const saleMatchByKey = new Map<string, OrderMatch>();

  for (const sale of live) {
    if (sale.returnFor !== null) continue;
    const key = orderKeyOfSale(sale);
    if (key.kind === "retail") {
      unnumberedSales.set(sale.id, sale);
      continue;
    }
    const claims = claimsByNumber.get(key.orderNumber) ?? [];
    claims.push({ sale, matchedBy: key.matchedBy });
    claimsByNumber.set(key.orderNumber, claims);
  }

  for (const [orderNumber, claims] of claimsByNumber) {
    const [kept, ...duplicates] = claims.sort((a, b) => compareClaimants(a.sale, b.sale));
    if (kept === undefined) continue;
    const key = ecomOrderKey(orderNumber);
    orders.set(key, {
      key,
      ecomOrder: null,
      sale: kept.sale,
      // Until the eCom order turns up, the sale is matched to nothing.
      matchedBy: "UNMATCHED",
      returns: [],
      duplicateSales: duplicates.map((claim) => claim.sale.id).sort(compareText),
    });
    orderKeyBySaleId.set(kept.sale.id, key);
    saleMatchByKey.set(key, kept.matchedBy);
  }

  // In order-number order, so two eCom orders hinting at one sale always resolve the same way.
  const sortedEcomOrders = [...ecomOrders].sort((a, b) =>
    compareText(a.orderNumber, b.orderNumber),
  );
  for (const ecomOrder of sortedEcomOrders) {
    const key = ecomOrderKey(ecomOrder.orderNumber);
    const numbered = orders.get(key);
    if (numbered !== undefined) {
      numbered.ecomOrder = ecomOrder;
      numbered.matchedBy = saleMatchByKey.get(key) ?? "UNMATCHED";
      continue;
    }
    // The hint may only adopt a sale that names no eCom number: a numbered sale is another order's.
    const hint = ecomOrder.xseriesOrderIdHint?.trim() ?? "";
    const hinted = hint === "" ? undefined : unnumberedSales.get(hint);
    if (hinted !== undefined) unnumberedSales.delete(hinted.id);
    orders.set(key, {
      key,
      ecomOrder,
      sale: hinted ?? null,
      matchedBy: hinted === undefined ? "UNMATCHED" : "XSERIES_ORDER_ID_HINT",
      returns: [],
      duplicateSales: [],
    });
    if (hinted !== undefined) orderKeyBySaleId.set(hinted.id, key);
  }

  for (const sale of unnumberedSales.values()) {
    const key = retailOrderKey(sale.id);
    orders.set(key, {
      key,
      ecomOrder: null,
      sale,
      matchedBy: "UNMATCHED",
      returns: [],
      duplicateSales: [],
    });
    orderKeyBySaleId.set(sale.id, key);
  }

  // A return joins the order of the sale it returns. Returns of a dropped duplicate (or of a sale
  // we do not have) are dropped too: they refund the duplicate, not the order.
  for (const sale of live) {
    if (sale.returnFor === null) continue;
    const key = orderKeyBySaleId.get(sale.returnFor);
    if (key !== undefined) orders.get(key)?.returns.push(sale);
  }

  const grouped = [...orders.values()].sort((a, b) => compareText(a.key, b.key));
  for (const order of grouped) order.returns.sort(compareReturns);
  return grouped;
}

// Which of several sales claiming one eCom number is the order's sale: a voided copy never beats
// a live one (it would hide the order from analytics), then the first to reach X-Series.
function compareClaimants(a: RetailSaleFacts, b: RetailSaleFacts): number {
  const voided = Number(saleStateOf(a) === "voided") - Number(saleStateOf(b) === "voided");
  if (voided !== 0) return voided;
  const created = compareOptionalDates(a.createdAt, b.createdAt);
  return created !== 0 ? created : compareText(a.id, b.id);
}

function compareReturns(a: RetailSaleFacts, b: RetailSaleFacts): number {
  const date = a.saleDate.getTime() - b.saleDate.getTime();
  return date !== 0 ? date : compareText(a.id, b.id);
}

// Missing dates sort last: a sale without created_at is the least certain to be the original.
function compareOptionalDates(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return a.getTime() - b.getTime();
}

// Code-unit order, not localeCompare: the same on every machine and locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      throw new DomainError("BAD_INPUT", `Each ${what} may appear only once`, {
        details: { what, value },
      });
    }
    seen.add(value);
  }
}
