// An erasure committing while an eCom import runs: the import's transaction waits for it and
// scrubs the person's order on its way in, instead of storing it as it was in the file after
// the erasure has scrubbed everything stored. PostgreSQL only: PGlite has one session, so an
// erasure and an import's transaction never overlap there.
import { randomUUID } from "node:crypto";
import {
  deferred,
  openTestDatabase,
  testDatabaseKind,
  useTestCleanup,
} from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { erasableIdentifiersOf, hashIdentifierValue } from "../redaction/erased-identifiers";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { importEcomOrders } from "./import-ecom-orders";
import { ecomBatches, ecomOrder } from "./testing/ecom-order-fixtures";

const cleanup = useTestCleanup();

describe.runIf(testDatabaseKind === "postgres")("eCom import during an erasure (postgres)", () => {
  it("waits for an erasure in progress and stores the erased person's order scrubbed", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const order = ecomOrder(5001, { email: "erased.person@example.com", phone: "+16155550199" });

    // An erasure in progress, on a session of its own: it holds the lock and has recorded the
    // person's identifiers, not yet committed (what eraseCustomer does in its transaction).
    const erasureMayCommit = deferred();
    const erasureInProgress = deferred();
    const erasure = db.bulkTransaction(async (session) => {
      await session.query("SELECT pg_advisory_xact_lock($1)::text", [jobLockKeys.erasure]);
      const erasureId = randomUUID();
      const identifiers = erasableIdentifiersOf({ email: order.email, phones: [order.phone] });
      for (const { kind, value } of identifiers) {
        await session.query(
          `INSERT INTO "ErasedIdentifier" (kind, "valueHash", "erasureId")
           VALUES ($1::"IdentityKind", $2, $3::uuid)`,
          [kind, hashIdentifierValue(value), erasureId],
        );
      }
      erasureInProgress.resolve();
      await erasureMayCommit.promise;
    });
    await erasureInProgress.promise;

    let settled = false;
    const importing = importEcomOrders({
      db,
      source: ecomBatches([order], 10),
      file: { name: "orders.csv", sha256: "c".repeat(64), bytes: 100 },
      format: "ecwid",
    }).finally(() => {
      settled = true;
    });
    // Until the import waits for the lock (or, without that wait, has finished unscrubbed).
    const waitingForLock = async () => {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ waiting: number }>>(
        `SELECT count(*)::int AS waiting FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND objid = $1`,
        jobLockKeys.erasure,
      );
      return (row?.waiting ?? 0) > 0;
    };
    while (!settled && !(await waitingForLock())) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    erasureMayCommit.resolve();
    await erasure;
    const result = await importing;

    expect(result.ordersCreated).toBe(1);
    const stored = await db.prisma.ecomOrder.findUniqueOrThrow({ where: { orderNumber: "5001" } });
    expect({ email: stored.email, phone: stored.phone, name: stored.customerName }).toEqual({
      email: null,
      phone: null,
      name: null,
    });
    expect(JSON.stringify(stored.rows)).not.toContain("erased.person");
  });
});
