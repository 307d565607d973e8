// Reads, from the mirrors, every sale and eCom order that can affect the orders a change touched:
// the changed records, the sales and eCom orders that share their eCom order number, the sale an
// export's `X-series Order ID` names, and return sales. Grouping that closed set gives exactly the
// orders a whole-store rebuild would give for those keys.
import type { RawSqlClient } from "@greenloop/db";
import {
  type EcomOrderFacts,
  orderKeyOfSale,
  type RetailSaleFacts,
} from "@greenloop/order-sync/merge";
import Decimal from "decimal.js";
import { erasedEcomOrderSql, erasedPayloadSql } from "../redaction/redact-records";
import {
  type SaleFactsRow,
  saleFactsColumns,
  saleFactsPayments,
  toSaleFacts,
} from "./sale-facts-row";

type Client = Pick<RawSqlClient, "$queryRawUnsafe">;

export interface OrderSourceSet {
  sales: RetailSaleFacts[];
  ecomOrders: EcomOrderFacts[];
  /** Contact fields of the eCom orders, for identity. */
  ecomContacts: Map<string, { email: string | null; phone: string | null }>;
  /** Sales and eCom orders of an erased person: sale id / order number → erasure id. */
  erasures: { sales: Map<string, string>; ecomOrders: Map<string, string> };
}

interface EcomRow {
  orderNumber: string;
  placedAt: Date;
  total: string;
  paymentStatusCode: string | null;
  paymentStatusLabel: string | null;
  fulfillmentStatusCode: string | null;
  fulfillmentStatusLabel: string | null;
  xseriesOrderIdHint: string | null;
  email: string | null;
  phone: string | null;
  erasureId: string | null;
}

const noteOrderNumber = `substring(s.note from '^\\s*Order ID:\\s*(\\d+)')`;
const ecomColumns = `"orderNumber", "placedAt", total::text AS total, "paymentStatusCode",
  "paymentStatusLabel", "fulfillmentStatusCode", "fulfillmentStatusLabel", "xseriesOrderIdHint",
  email, phone, ${erasedEcomOrderSql('"EcomOrder"')} AS "erasureId"`;

/** Expands the changed ids to the closed set of sources their orders depend on. */
export async function loadOrderSources(
  client: Client,
  changed: { saleIds: readonly string[]; ecomOrderNumbers: readonly string[] },
): Promise<OrderSourceSet> {
  const sales = new Map<string, RetailSaleFacts>();
  const ecoms = new Map<string, EcomRow>();
  const erasures = { sales: new Map<string, string>(), ecomOrders: new Map<string, string>() };
  // Ids and numbers whose dependants were already queried: each is followed once, so this ends.
  const followedSales = new Set<string>();
  const followedNumbers = new Set<string>();
  let saleIds = new Set(changed.saleIds);
  let numbers = new Set(changed.ecomOrderNumbers);

  // Each round follows one more hop (number → sales claiming it, sale → its returns and the eCom
  // order hinting at it, return → original); real data closes in two or three rounds.
  while (saleIds.size > 0 || numbers.size > 0) {
    for (const id of saleIds) followedSales.add(id);
    for (const number of numbers) followedNumbers.add(number);
    const saleRows = await querySales(client, [...saleIds], [...numbers], [...sales.keys()]);
    const ecomRows = await queryEcomOrders(client, [...numbers], [...saleIds]);
    const nextSales = new Set<string>();
    const nextNumbers = new Set<string>();
    const follow = (id: string | null) => {
      if (id && !followedSales.has(id)) nextSales.add(id);
    };
    for (const row of ecomRows) {
      if (ecoms.has(row.orderNumber)) continue;
      ecoms.set(row.orderNumber, row);
      follow(row.xseriesOrderIdHint);
      if (!followedNumbers.has(row.orderNumber)) nextNumbers.add(row.orderNumber);
    }
    for (const row of saleRows) {
      if (row.erasureId) erasures.sales.set(row.id, row.erasureId);
    }
    for (const facts of saleRows.map(toSaleFacts)) {
      if (sales.has(facts.id)) continue;
      sales.set(facts.id, facts);
      follow(facts.id);
      follow(facts.returnFor);
      const key = orderKeyOfSale(facts);
      if (key.kind === "ecom" && !followedNumbers.has(key.orderNumber)) {
        nextNumbers.add(key.orderNumber);
      }
    }
    saleIds = nextSales;
    numbers = nextNumbers;
  }

  for (const row of ecoms.values()) {
    if (row.erasureId) erasures.ecomOrders.set(row.orderNumber, row.erasureId);
  }
  return {
    sales: [...sales.values()],
    ecomOrders: [...ecoms.values()].map(toEcomFacts),
    ecomContacts: new Map(
      [...ecoms.values()].map((row) => [row.orderNumber, { email: row.email, phone: row.phone }]),
    ),
    erasures,
  };
}

async function querySales(
  client: Client,
  saleIds: string[],
  numbers: string[],
  known: string[],
): Promise<Array<SaleFactsRow & { erasureId: string | null }>> {
  if (saleIds.length === 0 && numbers.length === 0) return [];
  return client.$queryRawUnsafe(
    `SELECT ${saleFactsColumns}, ${erasedPayloadSql("s")} AS "erasureId"
       FROM "RetailSale" s ${saleFactsPayments}
      WHERE (s.id = ANY($1::text[]) OR s."returnFor" = ANY($1::text[])
             OR s."sourceId" = ANY($2::text[]) OR ${noteOrderNumber} = ANY($2::text[]))
        AND s.id <> ALL($3::text[])`,
    saleIds,
    numbers,
    known,
  );
}

async function queryEcomOrders(
  client: Client,
  numbers: string[],
  hintedSaleIds: string[],
): Promise<EcomRow[]> {
  if (numbers.length === 0 && hintedSaleIds.length === 0) return [];
  return client.$queryRawUnsafe<EcomRow[]>(
    `SELECT ${ecomColumns} FROM "EcomOrder"
      WHERE "orderNumber" = ANY($1::text[]) OR "xseriesOrderIdHint" = ANY($2::text[])`,
    numbers,
    hintedSaleIds,
  );
}

function toEcomFacts(row: EcomRow): EcomOrderFacts {
  return {
    orderNumber: row.orderNumber,
    placedAt: row.placedAt,
    total: new Decimal(row.total),
    paymentStatusCode: row.paymentStatusCode,
    paymentStatusLabel: row.paymentStatusLabel,
    fulfillmentStatusCode: row.fulfillmentStatusCode,
    fulfillmentStatusLabel: row.fulfillmentStatusLabel,
    xseriesOrderIdHint: row.xseriesOrderIdHint,
  };
}
