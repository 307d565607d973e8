// What the scheduler runs: a named job with a stable lock key and a schedule. Jobs register in the
// list given to `startScheduler` (today: the X-Series poll; the weekly analytics recompute adds
// itself there with a `cron` schedule and `jobLockKeys.analytics`).
import type { Logger } from "../logger";

export type JobSchedule =
  /** Every `everyMs` (whole seconds), first run `everyMs` after start unless `runAtStart`. */
  | { everyMs: number; runAtStart?: boolean }
  /** A croner pattern with seconds optional, e.g. weekly `0 0 4 * * MON`, in `timezone` (default UTC). */
  | { cron: string; timezone?: string };

export type JobTrigger = "schedule" | "manual";

export interface JobContext {
  trigger: JobTrigger;
  /** Aborted when the scheduler stops: finish the current unit of work and return. */
  signal: AbortSignal;
  logger: Logger;
}

export interface ScheduledJob {
  /** Stable and unique: log field `job`, and `JobRun.job` when a run throws. */
  name: string;
  /** From `jobLockKeys`: one replica runs the job at a time, and runs never overlap. */
  lockKey: number;
  schedule: JobSchedule;
  /**
   * Records its own progress and outcome (e.g. in `JobRun`). When it throws, the scheduler logs
   * the error and records a FAILED `JobRun` under `name`.
   */
  run(context: JobContext): Promise<unknown>;
}
