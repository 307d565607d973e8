import { randomUUID } from "node:crypto";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { erasedEcomRecord, scrubEcomOrder } from "../redaction/redact-records";
import { recordErasedIdentifiers } from "../redaction/testing/record-erased-identifiers";
import { openDatabaseForTest } from "../testing/test-database";
import { hashEcomOrder } from "./ecom-order-hash";
import { scrubErasedEcomOrders } from "./scrub-erased-ecom-orders";
import { ecomOrder } from "./testing/ecom-order-fixtures";

const cleanup = useTestCleanup();

describe(`scrubErasedEcomOrders (${testDatabaseKind})`, () => {
  it("scrubs orders carrying an erased identifier or stored as erased, and re-hashes them", async () => {
    const db = await openDatabaseForTest(cleanup);
    const erasureId = randomUUID();
    await recordErasedIdentifiers(db, [{ kind: "EMAIL", value: "erased@example.com" }], erasureId);
    const prepared = [
      ecomOrder(1, { email: "erased@example.com" }),
      // A shared email is never recorded as erased: the stored copy's erasure still counts.
      ecomOrder(2, { email: "family@example.com" }),
      ecomOrder(3, { email: "family@example.com" }),
    ].map((order) => ({ order, contentHash: hashEcomOrder(order) }));
    const stored = new Map([
      ["2", { erasureId }],
      ["3", { erasureId: null }],
    ]);
    const [first, second, third] = await scrubErasedEcomOrders(db.prisma, prepared, stored);
    for (const scrubbed of [first, second]) {
      expect(scrubbed?.order).toMatchObject({
        email: null,
        phone: null,
        customerName: null,
        records: [erasedEcomRecord(erasureId)],
      });
    }
    expect(first?.contentHash).toBe(
      hashEcomOrder(scrubEcomOrder(prepared[0]?.order ?? ecomOrder(0), erasureId)),
    );
    expect(third).toBe(prepared[2]);
  });
});
