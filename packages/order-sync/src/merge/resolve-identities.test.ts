import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Identifier, IdentifierKind } from "../identity/identifier-kind";
import type { IdentityRecord } from "./identity-record";
import { resolveIdentities } from "./resolve-identities";

const email = (value: string): Identifier[] => [
  { kind: "EMAIL", value },
  { kind: "EMAIL_LOOSE", value: value.replace(/\+[^@]*/, "") },
];
const phone = (value: string): Identifier => ({ kind: "PHONE", value });
const retailId = (value: string): Identifier => ({ kind: "RETAIL_CUSTOMER_ID", value });

function retailCustomer(id: string, ...identifiers: (Identifier | Identifier[])[]): IdentityRecord {
  return {
    key: `retail_customer:${id}`,
    kind: "retail_customer",
    identifiers: [retailId(id), ...identifiers.flat()],
  };
}
function order(key: string, ...identifiers: (Identifier | Identifier[])[]): IdentityRecord {
  return { key: `order:${key}`, kind: "order", identifiers: identifiers.flat() };
}
const groups = (records: IdentityRecord[], options = {}) =>
  resolveIdentities(records, options).customers.map((c) => c.records);

describe("resolveIdentities", () => {
  it("joins an email-only and a phone-only X-Series record through an order that has both", () => {
    const result = resolveIdentities([
      retailCustomer("a", email("ann@example.com")),
      retailCustomer("b", phone("+16155550101")),
      order("ecom:1", email("ann@example.com"), phone("+16155550101")),
    ]);
    expect(result.customers).toHaveLength(1);
    expect(result.customers[0]?.records).toEqual([
      "order:ecom:1",
      "retail_customer:a",
      "retail_customer:b",
    ]);
    expect(result.customers[0]?.links.map((l) => l.reason).sort()).toEqual([
      "same email",
      "same phone",
    ]);
    expect(result.flagged).toEqual([]);
  });

  it("keeps two people who share a family email apart when their phones differ, and flags it", () => {
    const result = resolveIdentities([
      retailCustomer("mom", email("family@example.com"), phone("+16155550101")),
      retailCustomer("son", email("family@example.com"), phone("+16155550102")),
      order("retail:s1", retailId("mom")),
      order("retail:s2", retailId("son")),
    ]);
    expect(result.customers.map((c) => c.records)).toEqual([
      ["order:retail:s1", "retail_customer:mom"],
      ["order:retail:s2", "retail_customer:son"],
    ]);
    expect(result.flagged.map((f) => [f.kind, f.value, f.reason])).toEqual([
      ["EMAIL", "family@example.com", "shared"],
      ["EMAIL_LOOSE", "family@example.com", "shared"],
    ]);
    expect(result.flagged[0]?.records).toEqual(["retail_customer:mom", "retail_customer:son"]);
    // A lookup by the shared email must find both: each keeps it among its identifiers.
    for (const customer of result.customers) {
      expect(customer.identifiers).toContainEqual({ kind: "EMAIL", value: "family@example.com" });
    }
  });

  it("puts an online order on the family email with one member's phone on that member", () => {
    const result = resolveIdentities([
      retailCustomer("mom", email("family@example.com"), phone("+16155550101")),
      retailCustomer("son", email("family@example.com"), phone("+16155550102")),
      order("ecom:7", email("family@example.com"), phone("+16155550102")),
    ]);
    expect(result.customers.map((c) => c.records)).toEqual([
      ["order:ecom:7", "retail_customer:son"],
      ["retail_customer:mom"],
    ]);
  });

  it("leaves an order that only carries a shared email with neither member", () => {
    const result = groups([
      retailCustomer("mom", email("family@example.com"), phone("+16155550101")),
      retailCustomer("son", email("family@example.com"), phone("+16155550102")),
      order("ecom:8", email("family@example.com")),
      order("ecom:9", email("family@example.com")),
    ]);
    expect(result).toEqual([
      ["order:ecom:8"],
      ["order:ecom:9"],
      ["retail_customer:mom"],
      ["retail_customer:son"],
    ]);
  });

  it("follows X-Series' own customer id even when the order's details disagree", () => {
    const result = resolveIdentities([
      retailCustomer("mom", email("family@example.com"), phone("+16155550101")),
      retailCustomer("son", email("family@example.com"), phone("+16155550102")),
      order("ecom:7", retailId("mom"), email("family@example.com"), phone("+16155550102")),
    ]);
    expect(result.customers.map((c) => c.records)).toEqual([
      ["order:ecom:7", "retail_customer:mom"],
      ["retail_customer:son"],
    ]);
  });

  it("does not let a gift order's recipient phone join the buyer to the recipient", () => {
    const result = groups([
      retailCustomer("buyer", email("buyer@example.com"), phone("+16155550101")),
      retailCustomer("friend", email("friend@example.com"), phone("+16155550199")),
      order("ecom:3", email("buyer@example.com"), phone("+16155550199")),
    ]);
    expect(result).toEqual([["order:ecom:3", "retail_customer:buyer"], ["retail_customer:friend"]]);
  });

  it("treats an identifier on more X-Series customers than the limit as a placeholder", () => {
    const records = Array.from({ length: 4 }, (_, i) =>
      retailCustomer(`c${i}`, email("noemail@store.example"), phone(`+1615555010${i}`)),
    );
    const result = resolveIdentities(records, { maxCustomersPerIdentifier: 3 });
    expect(result.customers).toHaveLength(4);
    expect(result.flagged[0]).toMatchObject({
      kind: "EMAIL",
      value: "noemail@store.example",
      reason: "placeholder",
      detail: "carried by 4 X-Series customers (limit 3)",
    });
  });

  it("uses store-wide counts for identifiers whose records are not all in the input", () => {
    const result = resolveIdentities(
      [
        retailCustomer("a", email("front.desk@store.example")),
        order("ecom:1", email("front.desk@store.example")),
      ],
      {
        customerCounts: new Map([
          ["EMAIL:front.desk@store.example", 40],
          ["EMAIL_LOOSE:front.desk@store.example", 40],
        ]),
      },
    );
    expect(result.customers).toHaveLength(2);
    expect(result.flagged.map((f) => f.reason)).toContain("placeholder");
  });

  it("matches two spellings of one Gmail address on the loose key", () => {
    const result = resolveIdentities([
      retailCustomer("a", [
        { kind: "EMAIL", value: "john.smith@gmail.com" },
        { kind: "EMAIL_LOOSE", value: "johnsmith@gmail.com" },
      ]),
      order("ecom:1", [
        { kind: "EMAIL", value: "johnsmith+weed@gmail.com" },
        { kind: "EMAIL_LOOSE", value: "johnsmith@gmail.com" },
      ]),
    ]);
    expect(result.customers).toHaveLength(1);
    expect(result.customers[0]?.links[0]?.reason).toBe("same email under provider rules");
  });

  it("does not merge two X-Series customers on a shared phone when their emails differ", () => {
    const result = resolveIdentities([
      retailCustomer("a", email("a@example.com"), phone("+16155550101")),
      retailCustomer("b", email("b@example.com"), phone("+16155550101")),
    ]);
    expect(result.customers).toHaveLength(2);
    expect(result.flagged.map((f) => [f.kind, f.reason])).toEqual([["PHONE", "shared"]]);
    expect(result.flagged[0]?.detail).toBe(
      "the customers of retail_customer:a and retail_customer:b have different emails",
    );
  });

  it("unflags a shared identifier whose carriers were joined by other evidence", () => {
    const result = resolveIdentities([
      retailCustomer("a", email("a@example.com"), phone("+16155550101")),
      retailCustomer("b", email("b@example.com"), phone("+16155550101")),
      order("retail:s", retailId("a"), retailId("b")),
    ]);
    expect(result.customers).toHaveLength(1);
    expect(result.flagged).toEqual([]);
  });

  it("keeps clusters pinned to different customers apart, and joins records pinned together", () => {
    const records = [
      retailCustomer("a", email("ann@example.com")),
      retailCustomer("b", phone("+16155550101")),
      order("ecom:1", email("ann@example.com"), phone("+16155550101")),
      order("ecom:2", email("ann.other@example.com")),
    ];
    const pins = [
      { kind: "RETAIL_CUSTOMER_ID" as const, value: "a", customerId: "cust-1" },
      { kind: "EMAIL" as const, value: "ann.other@example.com", customerId: "cust-1" },
      { kind: "RETAIL_CUSTOMER_ID" as const, value: "b", customerId: "cust-2" },
    ];
    const result = resolveIdentities(records, { pins });
    expect(result.customers.map((c) => [c.pinnedCustomerId, c.records])).toEqual([
      ["cust-1", ["order:ecom:1", "order:ecom:2", "retail_customer:a"]],
      ["cust-2", ["retail_customer:b"]],
    ]);
    expect(result.flagged.map((f) => [f.kind, f.value])).toEqual([["PHONE", "+16155550101"]]);
  });

  it("explains every customer with a spanning set of links", () => {
    const result = resolveIdentities([
      retailCustomer("a", email("ann@example.com")),
      retailCustomer("b", phone("+16155550101")),
      order("ecom:1", email("ann@example.com"), phone("+16155550101")),
      order("retail:s1", retailId("a")),
    ]);
    const customer = result.customers[0];
    if (!customer) throw new Error("expected a customer");
    expect(customer.links).toHaveLength(customer.records.length - 1);
    expect(customer.links).toContainEqual({
      from: "order:retail:s1",
      to: "retail_customer:a",
      kind: "RETAIL_CUSTOMER_ID",
      value: "a",
      reason: "same X-Series customer",
    });
  });

  it("yields the same customers for any order and batching of the same records", () => {
    const kinds: IdentifierKind[] = ["EMAIL", "PHONE", "RETAIL_CUSTOMER_ID"];
    const identifier = fc.record({
      kind: fc.constantFrom(...kinds),
      value: fc.constantFrom("1", "2", "3", "4", "5"),
    });
    const record = fc.record({
      kind: fc.constantFrom("retail_customer" as const, "order" as const),
      identifiers: fc.array(identifier, { maxLength: 3 }),
    });
    const store = fc
      .array(record, { minLength: 1, maxLength: 14 })
      .map((list) => list.map((r, i) => ({ ...r, key: `${r.kind}:${i}` })));
    fc.assert(
      fc.property(store, fc.integer(), (records, seed) => {
        const shuffled = shuffle(records, seed);
        // Batching: a record may arrive twice, split over two deliveries of its identifiers.
        const split = shuffled.flatMap((r, i) =>
          i % 3 === 0 && r.identifiers.length > 1
            ? [
                { ...r, identifiers: r.identifiers.slice(0, 1) },
                { ...r, identifiers: r.identifiers.slice(1) },
              ]
            : [r],
        );
        expect(resolveIdentities(split, { maxCustomersPerIdentifier: 2 })).toEqual(
          resolveIdentities(records, { maxCustomersPerIdentifier: 2 }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
