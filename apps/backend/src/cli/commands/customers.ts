// `pnpm cli customers lookup|explain|split|pin|erase`: find a customer by email or phone, see why
// their records are one customer, correct a wrong merge (the correction survives later syncs), and
// erase a customer's personal data on an account deletion request (the erasure survives them too).

import { userInfo } from "node:os";
import type { CustomerPredictions } from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import type { IdentifierKind } from "@greenloop/order-sync/identity";
import { type CountryCode, normalizeEmail, normalizePhone } from "@greenloop/order-sync/identity";
import { explainCustomer } from "../../customers/explain-customer";
import { type CustomerLookup, lookupCustomer } from "../../customers/lookup-customer";
import { openDatabaseFromEnv, openMigratedDatabaseFromEnv } from "../../database";
import { createMergeRules } from "../../merge/merge-rules";
import { pinIdentifier, splitCustomer } from "../../merge/split-customer";
import { eraseCustomer } from "../../privacy/erase-customer";
import type { CliCommand, CommandResult } from "../command";
import { commandHelp } from "../command-help";

const actions = ["lookup", "explain", "split", "pin", "erase"] as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const customersCommand: CliCommand = {
  ...commandHelp.customers,
  options: {
    email: { type: "string" },
    phone: { type: "string" },
    record: { type: "string", multiple: true },
    reason: { type: "string" },
  },
  async run({ env, logger, values, positionals }) {
    const [action, id, ...extra] = positionals;
    if (!actions.includes(action as (typeof actions)[number]) || extra.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Expected ${actions.join(", ")}. Usage: pnpm cli ${customersCommand.usage}`,
      );
    }
    const email = typeof values.email === "string" ? values.email : undefined;
    const phone = typeof values.phone === "string" ? values.phone : undefined;
    const reason = typeof values.reason === "string" ? values.reason : undefined;
    const rules = createMergeRules(env.merge);
    const region = rules.contact.defaultRegion;
    if (action !== "lookup" && !(id && uuid.test(id))) {
      throw new DomainError("BAD_INPUT", `customers ${action} needs a customer id (a UUID).`);
    }
    // Lookups read only: they need the schema there already and create nothing. The corrections
    // apply pending migrations first, as they always did.
    const readsOnly = action === "lookup" || action === "explain";
    const db = readsOnly
      ? await openMigratedDatabaseFromEnv(env, logger)
      : await openDatabaseFromEnv(env, logger);
    try {
      if (action === "lookup") {
        if (id) throw new DomainError("BAD_INPUT", "lookup takes --email or --phone, not an id");
        return describeLookup(
          await lookupCustomer(
            db,
            { email, phone },
            { defaultRegion: region, config: env.analytics.config },
          ),
        );
      }
      const customerId = id as string;
      if (action === "explain") {
        const explanation = await explainCustomer(db, customerId);
        const lines = [
          `Customer ${customerId}${explanation.customer.displayName ? ` (${explanation.customer.displayName})` : ""}` +
            (explanation.mergedIntoId ? `, merged into ${explanation.mergedIntoId}` : ""),
          `Records: ${explanation.records.join(", ") || "none"}`,
          ...explanation.links.map(
            (l) =>
              `  ${l.from} ↔ ${l.to}: ${l.reason} (${l.kind} ${l.value}) since ${l.firstLinkedAt.toISOString()}`,
          ),
          ...explanation.flagged.map((f) => `  flagged ${f.kind} ${f.value}: ${f.reason}`),
        ];
        return { json: { ...explanation }, summary: lines.join("\n") };
      }
      await db.migrate();
      if (action === "erase") {
        if (reason !== undefined && reason.length > 500) {
          throw new DomainError("BAD_INPUT", "--reason takes at most 500 characters.");
        }
        const result = await eraseCustomer(db, {
          customerId,
          requestedBy: `cli:${cliUser()}`,
          reason: reason ?? null,
          now: new Date(),
        });
        const rows = Object.values(result.removed).reduce((sum, n) => sum + n, 0);
        return {
          json: { ...result },
          summary: result.alreadyErased
            ? `Customer ${result.customerId} was already erased (erasure ${result.erasureId}, ${result.erasedAt.toISOString()}); nothing changed.`
            : `Erased customer ${result.customerId} (erasure ${result.erasureId}): ${rows} row(s) changed; their orders stay, anonymised.`,
        };
      }
      if (action === "split") {
        const records = (values as { record?: string[] }).record ?? [];
        const result = await splitCustomer(db, { customerId, records, reason }, rules);
        return {
          json: { ...result },
          summary:
            `Moved ${result.moved.length} record(s) to new customer ${result.newCustomerId}; both sides are pinned apart.` +
            (result.sharedIdentifiers.length
              ? ` Shared by both and flagged: ${result.sharedIdentifiers.map((i) => `${i.kind} ${i.value}`).join(", ")}.`
              : ""),
        };
      }
      const identifier = identifierFrom(email, phone, region);
      const result = await pinIdentifier(db, { customerId, identifier, reason }, rules);
      return {
        json: { ...result },
        summary: `Pinned ${identifier.kind} ${identifier.value} to ${customerId} (${result.records.length} record(s) carry it).`,
      };
    } finally {
      await db.close();
    }
  },
};

/** Recorded as who ran the erasure. */
function cliUser(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}

function identifierFrom(
  email: string | undefined,
  phone: string | undefined,
  region: CountryCode,
): { kind: IdentifierKind; value: string } {
  if ((email === undefined) === (phone === undefined)) {
    throw new DomainError("BAD_INPUT", "Give exactly one of --email or --phone.");
  }
  const value = email !== undefined ? normalizeEmail(email) : normalizePhone(phone, region);
  if (!value)
    throw new DomainError("BAD_INPUT", `Not a valid ${email !== undefined ? "email" : "phone"}.`);
  return { kind: email !== undefined ? "EMAIL" : "PHONE", value };
}

function describeLookup(result: CustomerLookup): CommandResult {
  if ("customers" in result) {
    return {
      json: { ...result },
      summary: [
        `${result.flagged.kind} ${result.flagged.value} is shared by ${result.customers.length} customers (${result.flagged.reason ?? "flagged"}):`,
        ...result.customers.map(
          (c) =>
            `  ${c.id} ${c.displayName ?? ""}: ${c.orders.length} order(s); phones ${c.phones.join(", ") || "none"}`,
        ),
      ].join("\n"),
    };
  }
  if (result.customer === null) return { json: { customer: null }, summary: "No customer." };
  const { customer, orders, metrics, predictions } = result;
  return {
    json: { customer, orders, metrics, predictions },
    summary: [
      `Customer ${customer.id}${customer.displayName ? ` (${customer.displayName})` : ""}`,
      `  emails: ${customer.emails.join(", ") || "none"}; phones: ${customer.phones.join(", ") || "none"}; X-Series ids: ${customer.retailCustomerIds.join(", ") || "none"}`,
      metrics
        ? `  lifetime value ${metrics.lifetimeValue}, ${metrics.orderCount} order(s), 90-day spend ${metrics.rolling90DaySpend}, tier ${metrics.tier ?? "none"}, ${metrics.inactiveSegment ?? "no orders"}, RFM ${metrics.rfmSegment ?? "n/a"}, P(alive) ${metrics.probabilityAlive?.toFixed(2) ?? "n/a"}, predicted 365-day value ${metrics.predictedClv365 ?? "n/a"}`
        : "  analytics: not computed yet (pnpm cli analytics)",
      ...(predictions ? [describePredictions(predictions)] : []),
      `  ${orders.length} order(s):`,
      ...orders.map(
        (o) =>
          `    ${o.placedAt.toISOString()}  ${o.source.padEnd(13)} ${o.total.padStart(12)}  ${o.ecomOrderNumber ? `#${o.ecomOrderNumber}` : ""} ${o.status}`,
      ),
    ].join("\n"),
  };
}

function describePredictions(p: CustomerPredictions): string {
  if (p.withheldReason && p.churnProbability === null && p.predictedOrders365d === null) {
    return `  predictions withheld: ${p.withheldReason.message}`;
  }
  const figures = [
    `next order ${p.nextOrderAt ? p.nextOrderAt.toISOString().slice(0, 10) : "n/a"}`,
    `churn ${p.churnProbability === null ? "n/a" : `${Math.round(p.churnProbability * 100)}% (${p.churnBand})`}`,
    `365 days: ${p.predictedOrders365d?.toFixed(1) ?? "n/a"} order(s), spend ${p.predictedSpend365d ?? "n/a"}`,
  ];
  const withheld = p.withheldReason ? ` (partly withheld: ${p.withheldReason.message})` : "";
  return `  predictions: ${figures.join(", ")}${withheld}`;
}
