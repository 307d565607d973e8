import type { IdentifierKind } from "@greenloop/order-sync/identity";
import { resolveIdentities } from "@greenloop/order-sync/merge";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveIdentitiesInParts } from "./resolve-identities-in-parts";

describe("resolveIdentitiesInParts", () => {
  it("gives exactly what resolving the whole set at once gives, pins and placeholders included", () => {
    const kinds: IdentifierKind[] = ["EMAIL", "PHONE", "RETAIL_CUSTOMER_ID"];
    const identifier = fc.record({
      kind: fc.constantFrom(...kinds),
      value: fc.constantFrom("1", "2", "3", "4", "5", "6", "7", "8"),
    });
    const record = fc.record({
      kind: fc.constantFrom("retail_customer" as const, "order" as const),
      identifiers: fc.array(identifier, { maxLength: 3 }),
    });
    const store = fc
      .array(record, { minLength: 1, maxLength: 24 })
      .map((list) => list.map((r, i) => ({ ...r, key: `${r.kind}:${i}` })));
    const pins = fc.uniqueArray(
      fc.record({ id: identifier, customerId: fc.constantFrom("c1", "c2", "c3") }),
      { maxLength: 4, selector: (pin) => `${pin.id.kind}:${pin.id.value}` },
    );
    fc.assert(
      fc.property(store, pins, (records, pinList) => {
        const options = {
          maxCustomersPerIdentifier: 2,
          pins: pinList.map((pin) => ({ ...pin.id, customerId: pin.customerId })),
        };
        expect(resolveIdentitiesInParts(records, options)).toEqual(
          resolveIdentities(records, options),
        );
      }),
      { numRuns: 500 },
    );
  });
});
