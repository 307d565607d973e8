// The customers list as a CSV, with the list's filters and sort (search, segment, tier,
// inactivity, VIP), read a page at a time. It carries each customer's email and phone: it is the
// operator's export for marketing (only operators may download it, and nothing of it is logged),
// so it says whether each customer may be emailed (`email_consent`: granted, denied or unknown).
import type { Database } from "@greenloop/db";
import type { CountryCode } from "@greenloop/order-sync/identity";
import { loadCustomerConsents } from "../consent/customer-consent";
import {
  type CustomerListItem,
  type ListCustomersInput,
  listCustomers,
} from "../customers/list-customers";
import {
  type CsvExport,
  countCell,
  emailConsentCell,
  exportFileName,
  moneyCell,
  timeCell,
} from "./csv-export";

const PAGE_SIZE = 500;

export const customersCsvHeader = [
  "customer_id",
  "name",
  "email",
  "phone",
  "tier",
  "rfm_segment",
  "inactivity",
  "vip",
  "orders",
  "lifetime_value",
  "spend_90d",
  "predicted_value_365d",
  "last_order_at_utc",
  "email_consent",
] as const;

export type CustomersCsvFilters = Omit<ListCustomersInput, "limit" | "cursor">;

export function customersCsv(
  db: Pick<Database, "prisma">,
  filters: CustomersCsvFilters,
  options: { now: Date; defaultRegion: CountryCode },
): CsvExport {
  async function* rows() {
    let cursor: string | undefined;
    do {
      const page = await listCustomers(
        db,
        { ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        { defaultRegion: options.defaultRegion },
      );
      const consents = await loadCustomerConsents(
        db,
        page.items.map((customer) => customer.customerId),
      );
      for (const customer of page.items) {
        yield [...customerCells(customer), emailConsentCell(consents.get(customer.customerId))];
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return {
    fileName: exportFileName(fileSubject(filters), options.now),
    header: customersCsvHeader,
    rows: rows(),
  };
}

function customerCells(customer: CustomerListItem): string[] {
  return [
    customer.customerId,
    customer.displayName ?? "",
    customer.email ?? "",
    customer.phone ?? "",
    customer.tier ?? "",
    customer.rfmSegment ?? "",
    customer.inactiveSegment ?? "",
    customer.isVIP === null ? "" : customer.isVIP ? "yes" : "no",
    countCell(customer.orderCount),
    moneyCell(customer.lifetimeValue),
    moneyCell(customer.rolling90DaySpend),
    moneyCell(customer.predictedClv365d),
    timeCell(customer.lastOrderDate),
  ];
}

/** "customers", or "customers-champions" for one segment: the file says what it holds. */
function fileSubject(filters: CustomersCsvFilters): string {
  const segment = filters.rfmSegment ?? filters.tier ?? filters.inactiveSegment;
  if (segment === undefined) return "customers";
  const slug = segment
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-|-$/gu, "");
  return slug ? `customers-${slug}` : "customers";
}
