// The raw mirrors of X-Series: what Lightspeed said about each sale and customer, at its newest
// version. Webhook processing and polling both write through here. Records of an erased person
// are scrubbed first (one lookup per batch), so a re-sync never brings their data back. What a
// write changed is recorded for the merge in the same transaction (merge/pending-merges.ts).
import { type Prisma, prismaSql } from "@greenloop/db";
import { consentOfRetailCustomer } from "@greenloop/order-sync/consent";
import type { Customer, ParsedRecord, Sale } from "@greenloop/order-sync/lightspeed";
import { writeConsentObservations } from "../consent/write-consent";
import { retailCustomerRecordKey } from "../merge/identity-record-store";
import { recordPendingMerges } from "../merge/pending-merges";
import {
  scrubErasedRetailCustomers,
  scrubErasedRetailSales,
} from "../redaction/erased-identifiers";
import { column, instant, iso, jsonPayload, money, str, text } from "./mirror-columns";
import { latestById, type MirrorWriteResult, upsertByVersion } from "./upsert-by-version";

export type MirrorClient = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;
type Client = MirrorClient;

export async function writeRetailSales(
  client: Client,
  batch: ParsedRecord<Sale>[],
): Promise<MirrorWriteResult> {
  const sales = await scrubErasedRetailSales(
    client,
    latestById(batch, (r) => r.data),
  );
  const written = await upsertByVersion(
    client,
    "RetailSale",
    sales.map((r) => r.data.id),
    sales.map((r) => r.data.version),
    [
      column(sales, "customerId", text, (r) => r.data.customer_id),
      column(sales, "outletId", text, (r) => r.data.outlet_id),
      column(sales, "registerId", text, (r) => r.data.register_id),
      column(sales, "invoiceNumber", text, (r) => r.data.invoice_number),
      column(sales, "status", text, (r) => r.data.status),
      column(sales, "state", text, (r) => r.data.state),
      {
        ...column(sales, "attributes", text, (r) => JSON.stringify(r.data.attributes ?? [])),
        convert: (v: string) => `ARRAY(SELECT jsonb_array_elements_text(${v}::jsonb))`,
      },
      column(sales, "source", text, (r) => r.data.source),
      column(sales, "sourceId", text, (r) => r.data.source_id),
      column(sales, "note", text, (r) => r.data.note),
      column(sales, "returnFor", text, (r) => r.data.return_for),
      column(sales, "totalPrice", money, (r) => str(r.data.total_price)),
      column(sales, "totalTax", money, (r) => str(r.data.total_tax)),
      column(sales, "totalLoyalty", money, (r) => str(r.data.total_loyalty)),
      column(sales, "saleDate", instant, (r) => iso(r.data.sale_date)),
      column(sales, "remoteCreatedAt", instant, (r) => iso(r.data.created_at)),
      column(sales, "remoteUpdatedAt", instant, (r) => iso(r.data.updated_at)),
      column(sales, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(sales),
    ],
  );
  // The merge hears of the changed rows durably, in this same transaction (merge/pending-merges.ts).
  await recordPendingMerges(client, "sale", [...written.inserted, ...written.updated]);
  return written;
}

export async function writeRetailCustomers(
  client: Client,
  batch: ParsedRecord<Customer>[],
): Promise<MirrorWriteResult> {
  const customers = await scrubErasedRetailCustomers(
    client,
    latestById(batch, (r) => r.data),
  );
  const written = await upsertByVersion(
    client,
    "RetailCustomer",
    customers.map((r) => r.data.id),
    customers.map((r) => r.data.version),
    [
      column(customers, "customerCode", text, (r) => r.data.customer_code),
      column(customers, "firstName", text, (r) => r.data.first_name),
      column(customers, "lastName", text, (r) => r.data.last_name),
      column(customers, "email", text, (r) => r.data.email),
      column(customers, "phone", text, (r) => r.data.phone),
      column(customers, "mobile", text, (r) => r.data.mobile),
      column(customers, "customerGroupId", text, (r) => r.data.customer_group_id),
      column(customers, "loyaltyBalance", money, (r) => str(r.data.loyalty_balance)),
      column(customers, "remoteCreatedAt", instant, (r) => iso(r.data.created_at)),
      column(customers, "remoteUpdatedAt", instant, (r) => iso(r.data.updated_at)),
      column(customers, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(customers),
    ],
  );
  // The merge hears of the changed rows durably, in this same transaction (merge/pending-merges.ts).
  const changed = [...written.inserted, ...written.updated];
  await recordPendingMerges(client, "customer", changed);
  await writeRetailConsent(client, customers, changed);
  return written;
}

/** The consent flags of the customers this write changed (a repeated version says nothing new). */
async function writeRetailConsent(
  client: Client,
  customers: ParsedRecord<Customer>[],
  changedIds: string[],
): Promise<void> {
  const changed = new Set(changedIds);
  const receivedAt = new Date();
  const observations = customers
    .filter((record) => changed.has(record.data.id))
    .flatMap((record) =>
      consentOfRetailCustomer(record.data, receivedAt).map((observation) => ({
        ...observation,
        recordKey: retailCustomerRecordKey(record.data.id),
      })),
    );
  await writeConsentObservations(prismaSql(client), observations);
}
