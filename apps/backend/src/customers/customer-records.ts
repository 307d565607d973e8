// A customer's identity records as an operator recognises them: in-store sales, online orders and
// X-Series customers with their date, receipt or order number and total, grouped by the X-Series
// customer they belong to (the unit a split moves together), instead of raw record keys.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import Decimal from "decimal.js";

export type CustomerRecordKind = "in_store_sale" | "online_order" | "retail_customer";

export interface CustomerRecordFacts {
  /** The identity record's key: what split and merge take. */
  key: string;
  kind: CustomerRecordKind;
  /** When the order was placed, or when the X-Series customer was created. */
  date: Date | null;
  /** The X-Series receipt (invoice) number, else the eCom order number; a customer's code. */
  number: string | null;
  total: Decimal | null;
  /** The email, phone and X-Series ids the record carries (what links it to the others). */
  identifiers: Array<{ kind: string; value: string }>;
}

export interface CustomerRecordGroup {
  /** The X-Series customer these records belong to; null for online orders without one. */
  retailCustomer: { id: string; name: string | null; code: string | null } | null;
  records: CustomerRecordFacts[];
}

export interface CustomerRecords {
  customerId: string;
  mergedIntoId: string | null;
  groups: CustomerRecordGroup[];
}

const RETAIL_CUSTOMER_PREFIX = "retail_customer:";
const ORDER_PREFIX = "order:";

export async function loadCustomerRecords(
  db: Pick<Database, "prisma">,
  customerId: string,
): Promise<CustomerRecords> {
  const customer = await db.prisma.customer.findUnique({
    where: { id: customerId },
    select: { id: true, mergedIntoId: true },
  });
  if (!customer) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
  const records = await db.prisma.identityRecord.findMany({
    where: { customerId },
    select: { key: true, identifiers: true },
    orderBy: { key: "asc" },
  });
  const orderKeys = records
    .filter((r) => r.key.startsWith(ORDER_PREFIX))
    .map((r) => r.key.slice(ORDER_PREFIX.length));
  const orders = await db.prisma.order.findMany({
    where: { key: { in: orderKeys } },
    select: {
      key: true,
      channel: true,
      placedAt: true,
      total: true,
      retailCustomerId: true,
      retailSaleId: true,
      ecomOrderNumber: true,
    },
  });
  const saleIds = orders.flatMap((o) => (o.retailSaleId ? [o.retailSaleId] : []));
  const sales = await db.prisma.retailSale.findMany({
    where: { id: { in: saleIds } },
    select: { id: true, invoiceNumber: true },
  });
  const invoiceBySale = new Map(sales.map((s) => [s.id, s.invoiceNumber]));
  const orderByKey = new Map(orders.map((o) => [`${ORDER_PREFIX}${o.key}`, o]));

  const retailIdOf = (key: string, identifiers: Array<{ kind: string; value: string }>) =>
    key.startsWith(RETAIL_CUSTOMER_PREFIX)
      ? key.slice(RETAIL_CUSTOMER_PREFIX.length)
      : (orderByKey.get(key)?.retailCustomerId ??
        identifiers.find((id) => id.kind === "RETAIL_CUSTOMER_ID")?.value ??
        null);
  const facts = records.map((record) => {
    const identifiers = record.identifiers as unknown as Array<{ kind: string; value: string }>;
    return { record, identifiers, retailCustomerId: retailIdOf(record.key, identifiers) };
  });
  const retailIds = [
    ...new Set(facts.flatMap((f) => (f.retailCustomerId ? [f.retailCustomerId] : []))),
  ];
  const retailCustomers = await db.prisma.retailCustomer.findMany({
    where: { id: { in: retailIds } },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      customerCode: true,
      remoteCreatedAt: true,
    },
  });
  const retailById = new Map(retailCustomers.map((c) => [c.id, c]));

  const groups = new Map<string | null, CustomerRecordGroup>();
  for (const { record, identifiers, retailCustomerId } of facts) {
    let group = groups.get(retailCustomerId);
    if (!group) {
      const retail = retailCustomerId ? retailById.get(retailCustomerId) : undefined;
      group = {
        retailCustomer: retailCustomerId
          ? {
              id: retailCustomerId,
              name: [retail?.firstName, retail?.lastName].filter(Boolean).join(" ") || null,
              code: retail?.customerCode ?? null,
            }
          : null,
        records: [],
      };
      groups.set(retailCustomerId, group);
    }
    const order = orderByKey.get(record.key);
    if (record.key.startsWith(RETAIL_CUSTOMER_PREFIX)) {
      const retail = retailCustomerId ? retailById.get(retailCustomerId) : undefined;
      group.records.push({
        key: record.key,
        kind: "retail_customer",
        date: retail?.remoteCreatedAt ?? null,
        number: retail?.customerCode ?? null,
        total: null,
        identifiers,
      });
    } else {
      const invoice = order?.retailSaleId ? invoiceBySale.get(order.retailSaleId) : null;
      group.records.push({
        key: record.key,
        kind: order?.channel === "RETAIL" ? "in_store_sale" : "online_order",
        date: order?.placedAt ?? null,
        number: invoice ?? order?.ecomOrderNumber ?? null,
        total: order ? new Decimal(order.total.toString()) : null,
        identifiers,
      });
    }
  }
  return {
    customerId,
    mergedIntoId: customer.mergedIntoId,
    // X-Series customers first (by name), online-only records last; in each, the customer record
    // first, then orders newest first.
    groups: [...groups.values()]
      .sort((a, b) => (groupRank(a) < groupRank(b) ? -1 : 1))
      .map((group) => ({ ...group, records: group.records.sort(compareRecords) })),
  };
}

function groupRank(group: CustomerRecordGroup): string {
  if (!group.retailCustomer) return "2";
  return `1${group.retailCustomer.name ?? ""}\u0000${group.retailCustomer.id}`;
}

function compareRecords(a: CustomerRecordFacts, b: CustomerRecordFacts): number {
  if ((a.kind === "retail_customer") !== (b.kind === "retail_customer")) {
    return a.kind === "retail_customer" ? -1 : 1;
  }
  const byDate = (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0);
  return byDate !== 0 ? byDate : a.key < b.key ? -1 : 1;
}
