// Which records a split moves, and why each one: the records the operator named, plus the records
// that must go with them (an X-Series customer moves with its sales). Pure, so the preview and the
// split itself run the very same rules; a refusal is data, worded by whoever shows it (CLI or UI).
import type { Identifier } from "@greenloop/order-sync/identity";

/** Why a record moves. */
export type SplitMoveReason =
  | { kind: "chosen" }
  /** Carries the same X-Series customer id as `with`, a chosen record. */
  | { kind: "same_retail_customer"; retailCustomerId: string; with: string }
  /**
   * The re-resolution after the pins took it along: it shares `identifier` with `with`, a moving
   * record (both null when it is linked only through records of other customers).
   */
  | { kind: "linked"; identifier: Identifier | null; with: string | null };

export type SplitRefusal =
  /** Some named records are not (or no longer) this customer's. */
  | { kind: "not_records"; records: string[]; own: string[] }
  /** Nothing named, or the named records and their companions are the whole customer. */
  | { kind: "nothing_or_everything"; moving: number; total: number }
  /** These records carry only identifiers the staying records carry too: no pin can tell them apart. */
  | { kind: "indistinguishable"; records: string[] };

export type SplitPlan =
  | { refusal: SplitRefusal }
  | {
      refusal: null;
      /** Every record that moves, with its reason, in key order. */
      moves: Array<{ key: string; reason: SplitMoveReason }>;
      /** Identifiers only the moving records carry: pinned to the new customer. */
      movedOnly: Identifier[];
      /** Identifiers only the staying records carry: pinned to this customer. */
      keptOnly: Identifier[];
      /** Identifiers on both sides: pinned to neither, so they stay flagged as shared. */
      shared: Identifier[];
    };

const idKey = (id: Identifier) => `${id.kind}:${id.value}`;

export function planSplit(
  own: ReadonlyMap<string, Identifier[]>,
  chosen: readonly string[],
): SplitPlan {
  const unknown = chosen.filter((key) => !own.has(key));
  if (unknown.length > 0) {
    return { refusal: { kind: "not_records", records: unknown, own: [...own.keys()] } };
  }
  const reasons = new Map<string, SplitMoveReason>(
    chosen.map((key) => [key, { kind: "chosen" }] as const),
  );
  // An X-Series customer moves with its sales: every record carrying a chosen record's customer id.
  for (const key of chosen) {
    for (const id of own.get(key) ?? []) {
      if (id.kind !== "RETAIL_CUSTOMER_ID") continue;
      for (const [other, ids] of own) {
        if (reasons.has(other)) continue;
        if (ids.some((i) => i.kind === "RETAIL_CUSTOMER_ID" && i.value === id.value)) {
          reasons.set(other, {
            kind: "same_retail_customer",
            retailCustomerId: id.value,
            with: key,
          });
        }
      }
    }
  }
  if (reasons.size === 0 || reasons.size === own.size) {
    return { refusal: { kind: "nothing_or_everything", moving: reasons.size, total: own.size } };
  }
  const idsOf = (moving: boolean) =>
    new Map(
      [...own]
        .filter(([key]) => reasons.has(key) === moving)
        .flatMap(([, ids]) => ids.map((id) => [idKey(id), id] as const)),
    );
  const [moved, kept] = [idsOf(true), idsOf(false)];
  const indistinguishable = [...reasons.keys()].filter((key) =>
    (own.get(key) ?? []).every((id) => kept.has(idKey(id))),
  );
  if (indistinguishable.length > 0) {
    return { refusal: { kind: "indistinguishable", records: indistinguishable.sort() } };
  }
  return {
    refusal: null,
    moves: [...reasons]
      .map(([key, reason]) => ({ key, reason }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    movedOnly: [...moved].filter(([key]) => !kept.has(key)).map(([, id]) => id),
    keptOnly: [...kept].filter(([key]) => !moved.has(key)).map(([, id]) => id),
    shared: [...moved].filter(([key]) => kept.has(key)).map(([, id]) => id),
  };
}

/** The refusal in the CLI's words (the API shares them; the dashboard words its own). */
export function splitRefusalMessage(customerId: string, refusal: SplitRefusal): string {
  switch (refusal.kind) {
    case "not_records":
      return `Not records of customer ${customerId}: ${refusal.records.join(", ")}. Its records: ${refusal.own.join(", ")}.`;
    case "nothing_or_everything":
      return "Name some but not all of the customer's records to move out (--record).";
    case "indistinguishable":
      return (
        `Record ${refusal.records.join(", ")} carries nothing the rest of the customer does not (only shared identifiers): ` +
        "it cannot be told apart. Pin or block the shared identifier instead."
      );
  }
}
