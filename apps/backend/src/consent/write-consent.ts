// Stores what the sources said about consent (CustomerConsent), one row per source record and
// channel holding its latest word, as a diff: a source repeating itself (the same page, webhook or
// CSV again) writes nothing; a changed answer replaces the row with the new status and the time
// the source gives for it. A source's default (`isDefault`) replaces that source's earlier answer but
// is never stored on its own: no row is unknown. A row takes its record's customer as the identity
// graph has it now; a record new to the graph gets its customer when the merge assigns it
// (merge/write-resolution.ts). One set-based statement per batch, in the caller's transaction.
import type { BulkSession } from "@greenloop/db";
import type { ConsentObservation } from "@greenloop/order-sync/consent";

type Client = Pick<BulkSession, "query">;

export interface RecordedConsent extends ConsentObservation {
  /** The source's identity record (`retail_customer:<id>`, `order:ecom:<number>`): its customer. */
  recordKey: string;
}

/** Writes the observations; returns how many rows were inserted or changed. */
export async function writeConsentObservations(
  client: Client,
  observations: readonly RecordedConsent[],
): Promise<number> {
  // One statement may meet a row once: the last word of a source in the batch counts.
  const latest = new Map(observations.map((o) => [`${o.channel}|${o.source}`, o]));
  if (latest.size === 0) return 0;
  const rows = [...latest.values()];
  const [result] = await client.query<{ written: number }>(
    `WITH said AS (
       SELECT t.channel::"ConsentChannel" AS channel, t.source, t.record, t.status::"ConsentStatus" AS status,
              t.observed, t.is_default, r."customerId" AS customer
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[])
           AS t(channel, source, record, status, observed, is_default)
         LEFT JOIN "IdentityRecord" r ON r.key = t.record),
     changed AS (
       UPDATE "CustomerConsent" c
          SET status = s.status, "observedAt" = s.observed, "recordKey" = s.record,
              "customerId" = s.customer, "recordedAt" = now()
         FROM said s
        WHERE c.channel = s.channel AND c.source = s.source
          AND (c.status IS DISTINCT FROM s.status OR c."recordKey" IS DISTINCT FROM s.record)
       RETURNING 1),
     added AS (
       INSERT INTO "CustomerConsent" (channel, source, "recordKey", "customerId", status, "observedAt")
       SELECT s.channel, s.source, s.record, s.customer, s.status, s.observed FROM said s
        WHERE NOT s.is_default AND NOT EXISTS (SELECT 1 FROM "CustomerConsent" c
                           WHERE c.channel = s.channel AND c.source = s.source)
       -- Another writer's row for the same source, committed meanwhile: its word stands.
       ON CONFLICT (channel, source) DO NOTHING
       RETURNING 1)
     SELECT ((SELECT count(*) FROM changed) + (SELECT count(*) FROM added))::int AS written`,
    [
      rows.map((o) => o.channel),
      rows.map((o) => o.source),
      rows.map((o) => o.recordKey),
      rows.map((o) => o.status),
      rows.map((o) => o.observedAt.toISOString()),
      rows.map((o) => o.isDefault),
    ],
  );
  return result?.written ?? 0;
}
