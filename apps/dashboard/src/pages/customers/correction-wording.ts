// The split's and merge's facts and refusals in the dashboard's words: records by what they are
// (an in-store sale, an online order, an X-Series customer), never raw keys or CLI flags.
import type { RouterOutputs } from "@greenloop/app-client";

type Records = RouterOutputs["customers"]["records"];
export type RecordFacts = Records["groups"][number]["records"][number];
type Preview = RouterOutputs["customers"]["splitPreview"];
export type SplitMove = Extract<Preview, { refusal: null }>["moves"][number];
export type SplitRefusal = Exclude<Preview["refusal"], null>;

const kindLabels: Record<RecordFacts["kind"], string> = {
  in_store_sale: "In-store sale",
  online_order: "Online order",
  retail_customer: "X-Series customer",
};

export function recordKindLabel(kind: RecordFacts["kind"]): string {
  return kindLabels[kind];
}

/** "in-store sale #1042", "online order #W-19", "X-Series customer (code C-7)". */
export function recordLabel(record: RecordFacts | undefined): string {
  if (!record) return "a record no longer on this customer";
  const kind = kindLabels[record.kind].toLowerCase().replace("x-series", "X-Series");
  if (record.kind === "retail_customer") {
    return record.number ? `${kind} (code ${record.number})` : kind;
  }
  return record.number ? `${kind} #${record.number}` : kind;
}

/** Every record of the customer by its key, to describe previewed keys. */
export function recordsByKey(records: Records | undefined): Map<string, RecordFacts> {
  return new Map(
    (records?.groups ?? []).flatMap((group) =>
      group.records.map((record) => [record.key, record] as const),
    ),
  );
}

/** Keys in the order the records are listed (by X-Series customer, the customer first, newest first). */
export function inRecordOrder<T extends { key: string }>(
  items: readonly T[],
  records: ReadonlyMap<string, RecordFacts>,
): T[] {
  const position = new Map([...records.keys()].map((key, index) => [key, index] as const));
  const at = (key: string) => position.get(key) ?? Number.MAX_SAFE_INTEGER;
  return [...items].sort((a, b) => at(a.key) - at(b.key));
}

const identifierLabels: Record<string, string> = {
  EMAIL: "email",
  EMAIL_LOOSE: "email (ignoring dots and +tags)",
  PHONE: "phone",
  RETAIL_CUSTOMER_ID: "X-Series customer id",
};

export function identifierLabel(identifier: { kind: string; value: string }): string {
  return `${identifierLabels[identifier.kind] ?? identifier.kind.toLowerCase()} ${identifier.value}`;
}

/** Why a record moves, naming the record it goes with. */
export function moveReasonText(
  reason: SplitMove["reason"],
  records: ReadonlyMap<string, RecordFacts>,
): string {
  switch (reason.kind) {
    case "chosen":
      return "You ticked it.";
    case "same_retail_customer":
      return `Same X-Series customer as the ${recordLabel(records.get(reason.with))} you ticked: a customer moves with all its sales.`;
    case "linked":
      return reason.identifier && reason.with
        ? `Shares the ${identifierLabel(reason.identifier)} with the moving ${recordLabel(records.get(reason.with))}: the customer rules keep them together.`
        : "Linked to the moving records through other customers' records: the customer rules keep them together.";
  }
}

/** Why the split cannot be done as ticked, and what to do instead. */
export function splitRefusalText(
  refusal: SplitRefusal,
  records: ReadonlyMap<string, RecordFacts>,
): string {
  switch (refusal.kind) {
    case "not_records":
      return "Some ticked records are no longer this customer's: the data changed since the page loaded. Reload the page and tick again.";
    case "nothing_or_everything":
      return refusal.moving === 0
        ? "Tick at least one record to split off."
        : `The ticked records and those that must go with them are all ${refusal.total} of this customer's records: nothing would stay. Leave at least one X-Series customer or order behind.`;
    case "indistinguishable":
      return `${refusal.records
        .map((key) => recordLabel(records.get(key)))
        .join(
          ", ",
        )} carries only emails or phones that the staying records carry too, so nothing can keep it apart. Pin the email or phone to the right customer instead.`;
  }
}
