// Deterministic identity resolution with merge protection (anchors.md §3): which source records are
// one person. The result is a function of the SET of records (and the operator's pins) only: the
// input is sorted first and identifiers are processed in a fixed order, so webhooks, polls and CSV
// imports arriving in any order, in any batches, end in the same customers.
//
// Rules, strongest first:
// 1. Records carrying the same X-Series customer id are one customer (Lightspeed says so).
// 2. Records carrying identifiers an operator pinned to the same customer are one customer, and
//    clusters pinned to different customers never merge (a split survives every later sync).
// 3. An email, phone or loose email joins every cluster that carries it, but only if all of them
//    can be one person: no two of those clusters contradict each other (both have emails and
//    share none, or both have X-Series customers' phones and share none).
//    Otherwise the identifier is flagged as shared (a family or staff email) and links nothing:
//    a false merge is a privacy incident, a false split only a metrics nuisance.
// 4. An identifier carried by more X-Series customers than the limit is a placeholder
//    (`noemail@…`, the store's phone) and links nothing.
// The links that explain a customer form chains in record order (each carrier to the one before
// it), not stars from the first carrier: a record arriving changes a link or two, where a star
// re-pointed every link of its customer whenever the new record sorted first (as each chunk of a
// newest-first export does), and the merge rewrote them all.
import {
  compareIdentifiers,
  type Identifier,
  type IdentifierKind,
} from "../identity/identifier-kind";
import type {
  FlaggedIdentifier,
  IdentityLink,
  IdentityPin,
  IdentityRecord,
  IdentityResolution,
  LinkReason,
  ResolvedCustomer,
} from "./identity-record";

export interface ResolveIdentitiesOptions {
  pins?: readonly IdentityPin[];
  /** More X-Series customers than this on one identifier make it a placeholder. Default 5. */
  maxCustomersPerIdentifier?: number;
  /**
   * Store-wide counts of X-Series customers per identifier (`KIND:value`), for identifiers whose
   * records are not all in the input; the larger of this and the input's own count is used.
   */
  customerCounts?: ReadonlyMap<string, number>;
}

export const defaultMaxCustomersPerIdentifier = 5;

type SoftKind = "EMAIL" | "PHONE" | "EMAIL_LOOSE";
const softKinds: SoftKind[] = ["EMAIL", "PHONE", "EMAIL_LOOSE"];
const softReason: Record<SoftKind, LinkReason> = {
  EMAIL: "same email",
  PHONE: "same phone",
  EMAIL_LOOSE: "same email under provider rules",
};

const keyOf = (kind: IdentifierKind, value: string) => `${kind}:${value}`;

/** Index access for indexes the algorithm itself produced (always in range). */
function at<T>(items: readonly T[], index: number | undefined): T {
  const item = index === undefined ? undefined : items[index];
  if (item === undefined) throw new Error(`identity resolution: no item at index ${index}`);
  return item;
}
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Carried {
  kind: IdentifierKind;
  value: string;
  /** Indexes into the sorted records. */
  records: number[];
}

/** What a record asserts about the person, for contradiction checks. */
interface Profile {
  emails: ReadonlySet<string>;
  phones: ReadonlySet<string>;
}

export function resolveIdentities(
  input: readonly IdentityRecord[],
  options: ResolveIdentitiesOptions = {},
): IdentityResolution {
  const records = canonicalRecords(input);
  const limit = options.maxCustomersPerIdentifier ?? defaultMaxCustomersPerIdentifier;
  const carried = indexIdentifiers(records);
  const pins = new Map((options.pins ?? []).map((pin) => [keyOf(pin.kind, pin.value), pin]));
  const recordPins = records.map((record) => pinOf(record, pins));
  const clusters = new Clusters(records.map(profileOf), recordPins);
  const links: IdentityLink[] = [];
  const flagged = new Map<string, FlaggedIdentifier>();

  const link = (
    a: number,
    b: number,
    id: { kind: IdentifierKind; value: string },
    reason: LinkReason,
  ) => {
    clusters.union(a, b);
    links.push({
      from: at(records, a).key,
      to: at(records, b).key,
      kind: id.kind,
      value: id.value,
      reason,
    });
  };

  // 1. The X-Series customer id: authoritative, except against an operator's pins.
  for (const id of carried.filter((c) => c.kind === "RETAIL_CUSTOMER_ID")) {
    // `previous` stays in the first carrier's cluster: pins are compared with that cluster's.
    let previous = at(id.records, 0);
    for (const other of id.records.slice(1)) {
      if (clusters.pinsDiffer(previous, other)) continue;
      if (clusters.find(previous) !== clusters.find(other))
        link(previous, other, id, "same X-Series customer");
      previous = other;
    }
  }

  // 2. Pins: the operator's word joins records pinned to one customer.
  const byPinnedCustomer = new Map<string, number[]>();
  recordPins.forEach((pin, index) => {
    if (pin)
      byPinnedCustomer.set(pin.customerId, [
        ...(byPinnedCustomer.get(pin.customerId) ?? []),
        index,
      ]);
  });
  for (const [, members] of [...byPinnedCustomer].sort(([a], [b]) => compareText(a, b))) {
    for (let i = 1; i < members.length; i++) {
      const [previous, other] = [at(members, i - 1), at(members, i)];
      if (clusters.find(previous) !== clusters.find(other)) {
        const pin = at(recordPins, other) as IdentityPin;
        link(previous, other, pin, "pinned to the same customer");
      }
    }
  }

  // 3 and 4. Soft identifiers, strongest kind first, all-or-nothing per identifier.
  for (const kind of softKinds) {
    for (const id of carried.filter((c) => c.kind === kind)) {
      const customers = id.records.filter((r) => at(records, r).kind === "retail_customer").length;
      const storeWide = options.customerCounts?.get(keyOf(id.kind, id.value)) ?? 0;
      const count = Math.max(customers, storeWide);
      if (count > limit) {
        flagged.set(keyOf(id.kind, id.value), {
          kind: id.kind,
          value: id.value,
          reason: "placeholder",
          detail: `carried by ${count} X-Series customers (limit ${limit})`,
          records: id.records.map((r) => at(records, r).key),
        });
        continue;
      }
      // One representative carrier per cluster, in record order (deterministic).
      const carriers = new Map<number, number>();
      for (const r of id.records) {
        const root = clusters.find(r);
        if (!carriers.has(root)) carriers.set(root, r);
      }
      if (carriers.size < 2) continue;
      const roots = [...carriers.keys()];
      const conflict = findConflict(roots, clusters);
      if (conflict) {
        flagged.set(keyOf(id.kind, id.value), {
          kind: id.kind,
          value: id.value,
          reason: "shared",
          detail: `the customers of ${at(records, conflict[0]).key} and ${at(records, conflict[1]).key} ${conflict[2]}`,
          records: id.records.map((r) => at(records, r).key),
        });
        continue;
      }
      const representatives = [...carriers.values()];
      for (let i = 1; i < representatives.length; i++) {
        link(at(representatives, i - 1), at(representatives, i), id, softReason[kind]);
      }
    }
  }

  // A shared identifier whose carriers ended up together anyway (joined by other evidence) is not
  // shared after all.
  for (const [key, flag] of flagged) {
    if (flag.reason !== "shared") continue;
    const roots = new Set(
      carried
        .find((c) => c.kind === flag.kind && c.value === flag.value)
        ?.records.map((r) => clusters.find(r)),
    );
    if (roots.size <= 1) flagged.delete(key);
  }

  return {
    customers: collectCustomers(records, clusters, links, recordPins),
    flagged: [...flagged.values()].sort(compareIdentifiers),
  };
}

/** Sorted by key, one entry per key (identifiers of repeated keys unioned), identifiers sorted. */
function canonicalRecords(input: readonly IdentityRecord[]): IdentityRecord[] {
  const byKey = new Map<string, IdentityRecord>();
  for (const record of input) {
    const existing = byKey.get(record.key);
    const identifiers = [...(existing?.identifiers ?? []), ...record.identifiers];
    byKey.set(record.key, { key: record.key, kind: record.kind, identifiers });
  }
  return [...byKey.values()]
    .sort((a, b) => compareText(a.key, b.key))
    .map((record) => ({ ...record, identifiers: uniqueSorted(record.identifiers) }));
}

function uniqueSorted(identifiers: readonly Identifier[]): Identifier[] {
  const unique = new Map(identifiers.map((id) => [keyOf(id.kind, id.value), id]));
  return [...unique.values()]
    .map((id) => ({ kind: id.kind, value: id.value }))
    .sort(compareIdentifiers);
}

function indexIdentifiers(records: IdentityRecord[]): Carried[] {
  const index = new Map<string, Carried>();
  records.forEach((record, r) => {
    for (const id of record.identifiers) {
      const key = keyOf(id.kind, id.value);
      const entry = index.get(key) ?? { kind: id.kind, value: id.value, records: [] };
      entry.records.push(r);
      index.set(key, entry);
    }
  });
  return [...index.values()].sort(compareIdentifiers);
}

/**
 * Emails compare under provider rules when the record has loose keys (two spellings of one Gmail
 * address are not a contradiction). Phones only count on X-Series customers: an eCom order's
 * phone is the recipient's, who may be someone else (a gift).
 */
function profileOf(record: IdentityRecord): Profile {
  const values = (kind: IdentifierKind) =>
    record.identifiers.filter((id) => id.kind === kind).map((id) => id.value);
  const loose = values("EMAIL_LOOSE");
  return {
    emails: new Set(loose.length > 0 ? loose : values("EMAIL")),
    phones: new Set(record.kind === "retail_customer" ? values("PHONE") : []),
  };
}

/** The pin of the record's strongest pinned identifier. */
function pinOf(record: IdentityRecord, pins: ReadonlyMap<string, IdentityPin>): IdentityPin | null {
  for (const id of record.identifiers) {
    const pin = pins.get(keyOf(id.kind, id.value));
    if (pin) return pin;
  }
  return null;
}

function contradiction(a: Profile, b: Profile): string | null {
  if (a.emails.size > 0 && b.emails.size > 0 && ![...a.emails].some((e) => b.emails.has(e))) {
    return "have different emails";
  }
  if (a.phones.size > 0 && b.phones.size > 0 && ![...a.phones].some((p) => b.phones.has(p))) {
    return "have different phones";
  }
  return null;
}

/** The first pair of clusters that cannot be one person, with why. */
function findConflict(roots: number[], clusters: Clusters): [number, number, string] | null {
  for (let i = 0; i < roots.length; i++) {
    for (let j = i + 1; j < roots.length; j++) {
      const [a, b] = [at(roots, i), at(roots, j)];
      const why = clusters.rootPinsDiffer(a, b)
        ? "are pinned to different customers"
        : contradiction(clusters.profile(a), clusters.profile(b));
      if (why) return [at(clusters.members(a), 0), at(clusters.members(b), 0), why];
    }
  }
  return null;
}

function collectCustomers(
  records: IdentityRecord[],
  clusters: Clusters,
  links: IdentityLink[],
  recordPins: (IdentityPin | null)[],
): ResolvedCustomer[] {
  const byRoot = new Map<number, number[]>();
  records.forEach((_, r) => {
    const root = clusters.find(r);
    byRoot.set(root, [...(byRoot.get(root) ?? []), r]);
  });
  const rootOfKey = new Map(records.map((record, r) => [record.key, clusters.find(r)]));
  return [...byRoot.entries()]
    .map(([root, members]) => ({
      records: members.map((r) => at(records, r).key),
      identifiers: uniqueSorted(members.flatMap((r) => at(records, r).identifiers)),
      links: links.filter((l) => rootOfKey.get(l.from) === root),
      pinnedCustomerId: members.map((r) => at(recordPins, r)?.customerId).find(Boolean) ?? null,
    }))
    .sort((a, b) => compareText(a.records[0] ?? "", b.records[0] ?? ""));
}

/** Union–find over record indexes, keeping each cluster's members, profile and pinned customer. */
class Clusters {
  private readonly parent: number[];
  private readonly memberLists: number[][];
  private readonly pins: (string | null)[];
  private readonly profiles: Profile[];

  constructor(profiles: Profile[], recordPins: (IdentityPin | null)[]) {
    this.parent = profiles.map((_, i) => i);
    this.memberLists = profiles.map((_, i) => [i]);
    this.profiles = profiles;
    this.pins = recordPins.map((pin) => pin?.customerId ?? null);
  }

  find(r: number): number {
    let root = r;
    while (at(this.parent, root) !== root) root = at(this.parent, root);
    while (at(this.parent, r) !== root) {
      const next = at(this.parent, r);
      this.parent[r] = root;
      r = next;
    }
    return root;
  }

  members(root: number): readonly number[] {
    return at(this.memberLists, root);
  }

  /** Everything the cluster's records assert, together. */
  profile(root: number): Profile {
    return at(this.profiles, root);
  }

  rootPinsDiffer(a: number, b: number): boolean {
    const [pa, pb] = [at(this.pins, a), at(this.pins, b)];
    return pa !== null && pb !== null && pa !== pb;
  }

  pinsDiffer(a: number, b: number): boolean {
    return this.rootPinsDiffer(this.find(a), this.find(b));
  }

  /** Joins two clusters; the smaller record index stays the root, so roots are deterministic. */
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    this.memberLists[root] = [...this.members(root), ...this.members(child)].sort((x, y) => x - y);
    this.memberLists[child] = [];
    this.pins[root] = at(this.pins, root) ?? at(this.pins, child);
    const [kept, joined] = [this.profile(root), this.profile(child)];
    this.profiles[root] = {
      emails: new Set([...kept.emails, ...joined.emails]),
      phones: new Set([...kept.phones, ...joined.phones]),
    };
  }
}
