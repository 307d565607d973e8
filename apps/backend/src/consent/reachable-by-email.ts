// How many of a segment's customers the store may email (effective-consent.ts says who is
// reachable), for the segment push's preview.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { reachableByEmailSql } from "./effective-consent";

const segmentColumns = ["rfmSegment", "tier", "inactivitySegment"] as const;
export type SegmentColumn = (typeof segmentColumns)[number];

/** Live customers with `by` = `value` in the stored analytics who are reachable by email. */
export async function countReachableInSegment(
  db: Pick<Database, "prisma">,
  segment: { by: SegmentColumn; value: string },
): Promise<number> {
  // The column name is interpolated: only the known ones get that far.
  if (!segmentColumns.includes(segment.by)) {
    throw new DomainError("BAD_INPUT", `A segment is one of ${segmentColumns.join(", ")}.`);
  }
  const members = `cc."customerId" IN (SELECT "customerId" FROM "CustomerMetrics" WHERE "${segment.by}" = $1)`;
  const reachable = reachableByEmailSql("c", members);
  const [row] = await db.prisma.$queryRawUnsafe<Array<{ reachable: number }>>(
    `SELECT count(*)::int AS reachable
       FROM "Customer" c
       JOIN "CustomerMetrics" m ON m."customerId" = c.id
       ${reachable.joins}
      WHERE c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL AND m."${segment.by}" = $1
        AND ${reachable.isReachable}`,
    segment.value,
  );
  return row?.reachable ?? 0;
}
