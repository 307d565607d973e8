// The saved X-Series version cursor per resource (reference §4.1): polling resumes right after it.
import type { Prisma, PrismaClient } from "@greenloop/db";

/** The X-Series lists we poll, in the order a poll walks them (customers before their sales). */
export const retailResources = ["customers", "sales"] as const;
export type RetailResource = (typeof retailResources)[number];

/** The catalog lists we poll, categories and brands before the products that name them. */
export const catalogResources = ["productCategories", "brands", "products"] as const;
export type CatalogResource = (typeof catalogResources)[number];

/** Every list with a saved cursor (`SyncCursor.resource`), retail first. */
export const polledResources = [...retailResources, ...catalogResources] as const;
export type PolledResource = (typeof polledResources)[number];

/** The saved `after` of a resource; 0 when it was never polled. */
export async function readSyncCursor(
  client: Pick<PrismaClient, "syncCursor">,
  resource: PolledResource,
): Promise<number> {
  const row = await client.syncCursor.findUnique({
    where: { resource },
    select: { afterVersion: true },
  });
  return row ? Number(row.afterVersion) : 0;
}

/**
 * Moves the cursor forward to `after`, never back: a `--full` re-read from 0 then leaves the saved
 * position alone until it passes it. Call it in the transaction that wrote the page's records, so
 * the cursor never gets ahead of the data.
 */
export async function advanceSyncCursor(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  resource: PolledResource,
  after: number,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "SyncCursor" ("resource", "afterVersion", "updatedAt")
    VALUES (${resource}, ${BigInt(after)}, now())
    ON CONFLICT ("resource") DO UPDATE
      SET "afterVersion" = EXCLUDED."afterVersion", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "SyncCursor"."afterVersion" < EXCLUDED."afterVersion"`;
}
