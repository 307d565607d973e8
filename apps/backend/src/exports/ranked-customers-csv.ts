// The Overview's customer lists as CSVs: the top customers (by lifetime spend, 90-day spend or
// predicted value) and those at risk of leaving, in the order the dashboard shows them, with each
// customer's email and phone (the operator's export for marketing).
import type { Database } from "@greenloop/db";
import type { TopCustomer, TopCustomersBy } from "../analytics/store-views";
import { getAtRiskCustomers, getTopCustomers } from "../analytics/store-views";
import { type CustomerConsentView, loadCustomerConsents } from "../consent/customer-consent";
import { type CustomerSummary, loadCustomerSummaries } from "../customers/customer-summary";
import {
  type CsvExport,
  countCell,
  emailConsentCell,
  exportFileName,
  moneyCell,
  timeCell,
} from "./csv-export";

type Db = Pick<Database, "prisma">;

const rankedHeader = [
  "rank",
  "customer_id",
  "name",
  "email",
  "phone",
  "orders",
  "lifetime_value",
  "spend_90d",
  "predicted_value_365d",
  "tier",
  "rfm_segment",
  "last_order_at_utc",
] as const;

// Added after the columns the lists had before: existing readers keep their positions.
export const topCustomersCsvHeader = [...rankedHeader, "email_consent"] as const;

export const atRiskCustomersCsvHeader = [
  ...rankedHeader,
  "churn_risk_label",
  "churn_risk",
  "probability_alive",
  "days_since_last_order",
  "email_consent",
] as const;

export function topCustomersCsv(
  db: Db,
  input: { by: TopCustomersBy; limit: number },
  options: { now: Date },
): CsvExport {
  async function* rows() {
    const { customers } = await getTopCustomers(db, input);
    const contacts = await loadContacts(db, customers);
    for (const [index, customer] of customers.entries()) {
      yield [...rankedCells(index, customer, contacts), consentCell(customer, contacts)];
    }
  }
  return {
    fileName: exportFileName(`top-customers-${input.by}`, options.now),
    header: topCustomersCsvHeader,
    rows: rows(),
  };
}

export function atRiskCustomersCsv(
  db: Db,
  input: { limit: number },
  options: { now: Date },
): CsvExport {
  async function* rows() {
    const { customers } = await getAtRiskCustomers(db, input);
    const contacts = await loadContacts(db, customers);
    for (const [index, customer] of customers.entries()) {
      yield [
        ...rankedCells(index, customer, contacts),
        customer.churnRiskLabel,
        customer.churnRisk === null ? "" : String(customer.churnRisk),
        customer.probabilityAlive === null ? "" : String(customer.probabilityAlive),
        countCell(customer.daysSinceLastOrder),
        consentCell(customer, contacts),
      ];
    }
  }
  return {
    fileName: exportFileName("at-risk-customers", options.now),
    header: atRiskCustomersCsvHeader,
    rows: rows(),
  };
}

interface Contacts {
  summaries: Map<string, CustomerSummary>;
  consents: Map<string, CustomerConsentView>;
}

/** The listed customers' email, phone and consent. */
async function loadContacts(db: Db, customers: readonly TopCustomer[]): Promise<Contacts> {
  const ids = customers.map((customer) => customer.customerId);
  const [summaries, consents] = await Promise.all([
    loadCustomerSummaries(db, ids),
    loadCustomerConsents(db, ids),
  ]);
  return { summaries, consents };
}

function rankedCells(index: number, customer: TopCustomer, contacts: Contacts): string[] {
  const contact = contacts.summaries.get(customer.customerId);
  return [
    String(index + 1),
    customer.customerId,
    customer.displayName ?? "",
    contact?.email ?? "",
    contact?.phone ?? "",
    countCell(customer.orderCount),
    moneyCell(customer.totalSpend),
    moneyCell(customer.spend90d),
    moneyCell(customer.predictedValue365d),
    customer.tier ?? "",
    customer.rfmSegment ?? "",
    timeCell(customer.lastOrderAt),
  ];
}

function consentCell(customer: TopCustomer, contacts: Contacts): string {
  return emailConsentCell(contacts.consents.get(customer.customerId));
}
