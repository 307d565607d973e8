// Postgres advisory lock keys of the scheduled jobs, one per job and stable across releases:
// every replica and every manual run (`pnpm cli sync`) of a job must take the same key, so that
// exactly one of them runs it at a time. Never reuse or renumber a key; add new ones below.
// (72707369 is taken by `prisma migrate` and our migration runner.)

export const jobLockKeys = {
  /** The X-Series poll: the scheduled `poll` job and `pnpm cli sync`. */
  poll: 0x67_6c_00_01,
  /** Reserved for the weekly analytics recompute (the analytics issue registers its job). */
  analytics: 0x67_6c_00_02,
  /** The merge step: one resolution at a time, whichever ingestion path triggered it. */
  merge: 0x67_6c_00_03,
  /** The scheduled merge sweep and `pnpm cli merge`. */
  mergeSweep: 0x67_6c_00_04,
  /** `pnpm cli tiers sync --apply` and `tiers undo`: one change run against X-Series at a time. */
  tierSync: 0x67_6c_00_05,
  /** The monitoring pass (alerts, notable events, notification delivery). */
  monitoring: 0x67_6c_00_06,
  /**
   * Not a job: an erasure takes it exclusively, each eCom import transaction shared, so an order
   * committed while a person is erased is either scrubbed by the erasure or on its way in.
   */
  erasure: 0x67_6c_00_07,
  /** The retry of the mirror's hand-off to the merge and analytics (pending merges, dirty customers). */
  retailChangeRetry: 0x67_6c_00_08,
  /** Marking the import runs whose process died (imports/import-runs-job.ts). */
  importRuns: 0x67_6c_00_09,
  /**
   * The X-Series catalog poll (products, brands, categories): the scheduled `poll-catalog` job,
   * `pnpm cli sync` and the webhook worker's read of the products feed. Apart from `poll` so a
   * store without catalog access (no `products:read`) never holds up sales and customers.
   */
  catalogPoll: 0x67_6c_00_22,
} as const;
