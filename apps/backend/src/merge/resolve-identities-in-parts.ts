// resolveIdentities over a large component (a whole import merged at once), one independent part at
// a time. Two records can only end up in one customer, be linked, or be flagged together through an
// identifier they both carry or a pin to the same customer, so records that share neither are
// resolved independently, and each part's result is exactly its share of the whole's: clusters,
// links (in their order), flags. The parts' customers and flags are then put in the whole's order.
// Why: the resolution's cost grows with customers × links of its input, which made one merge of
// 20,000 orders spend seconds there.
import { compareIdentifiers } from "@greenloop/order-sync/identity";
import {
  type IdentityPin,
  type IdentityRecord,
  type IdentityResolution,
  type ResolveIdentitiesOptions,
  resolveIdentities,
} from "@greenloop/order-sync/merge";

const keyOf = (id: { kind: string; value: string }) => `${id.kind}:${id.value}`;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function resolveIdentitiesInParts(
  records: readonly IdentityRecord[],
  options: ResolveIdentitiesOptions & { pins: readonly IdentityPin[] },
): IdentityResolution {
  const parts = independentParts(records, options.pins);
  if (parts.length <= 1) return resolveIdentities(records, options);
  const pinsByKey = new Map<string, IdentityPin[]>();
  for (const pin of options.pins) {
    const list = pinsByKey.get(keyOf(pin));
    if (list) list.push(pin);
    else pinsByKey.set(keyOf(pin), [pin]);
  }
  const customers: IdentityResolution["customers"] = [];
  const flagged: IdentityResolution["flagged"] = [];
  for (const part of parts) {
    // Only the pins the part's records carry: a record's pin is looked up by its identifiers.
    const pins = new Set<IdentityPin>();
    for (const record of part) {
      for (const id of record.identifiers) {
        for (const pin of pinsByKey.get(keyOf(id)) ?? []) pins.add(pin);
      }
    }
    const resolved = resolveIdentities(part, { ...options, pins: [...pins] });
    customers.push(...resolved.customers);
    flagged.push(...resolved.flagged);
  }
  return {
    customers: customers.sort((a, b) => compareText(a.records[0] ?? "", b.records[0] ?? "")),
    flagged: flagged.sort(compareIdentifiers),
  };
}

/** Records joined by a shared key, identifier (placeholders too) or pinned customer; input order kept. */
function independentParts(
  records: readonly IdentityRecord[],
  pins: readonly IdentityPin[],
): IdentityRecord[][] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const pinnedCustomer = new Map<string, string[]>();
  for (const pin of pins) {
    pinnedCustomer.set(keyOf(pin), [...(pinnedCustomer.get(keyOf(pin)) ?? []), pin.customerId]);
  }
  const firstCarrier = new Map<string, number>();
  const join = (key: string, index: number) => {
    const first = firstCarrier.get(key);
    if (first === undefined) firstCarrier.set(key, index);
    else union(first, index);
  };
  records.forEach((record, index) => {
    join(`record ${record.key}`, index);
    for (const id of record.identifiers) {
      join(`identifier ${keyOf(id)}`, index);
      for (const customerId of pinnedCustomer.get(keyOf(id)) ?? []) {
        join(`pinned ${customerId}`, index);
      }
    }
  });
  const parts = new Map<number, IdentityRecord[]>();
  records.forEach((record, index) => {
    const root = find(index);
    const part = parts.get(root);
    if (part) part.push(record);
    else parts.set(root, [record]);
  });
  return [...parts.values()];
}
