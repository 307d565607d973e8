// Runs the background jobs on their schedules with croner. Every run takes the job's Postgres
// advisory lock (`db.withJobLock`): one replica runs it, and a scheduled run never overlaps a
// manual one (`pnpm cli sync` takes the same lock). croner's `protect` skips a tick while the
// previous run of that job is still going.
import type { Database } from "@greenloop/db";
import { isDomainError } from "@greenloop/order-sync/errors";
import { Cron, type CronOptions } from "croner";
import type { Logger } from "../logger";
import type { JobTrigger, ScheduledJob } from "./scheduled-job";

export interface StartSchedulerOptions {
  db: Pick<Database, "prisma" | "withJobLock">;
  logger: Logger;
  jobs: ScheduledJob[];
  /** Start with the timers paused: only `runNow` runs jobs (tests, maintenance). */
  paused?: boolean;
  /** Stamps the FAILED `JobRun` of a run that threw (the clock freshness reads). Default: wall clock. */
  now?: () => Date;
}

export type JobOutcome =
  | { status: "completed"; result: unknown }
  | { status: "failed"; error: unknown }
  /** `locked`: another process holds the job's lock; `running`: already running here. */
  | { status: "skipped"; reason: "locked" | "running" | "stopped" };

export interface Scheduler {
  readonly jobNames: string[];
  /** The next scheduled run of a job (null once stopped). */
  nextRun(jobName: string): Date | null;
  /** Runs a job now, under the same lock and overlap rules as a scheduled run. */
  runNow(jobName: string): Promise<JobOutcome>;
  /** Resolves when the job's run in progress here (if any) has finished, whatever its outcome. */
  settled(jobName: string): Promise<void>;
  /** Stops the timers, aborts running jobs (they stop at their next safe point) and waits for them. */
  stop(): Promise<void>;
}

export function startScheduler({
  db,
  logger,
  jobs,
  paused,
  now = () => new Date(),
}: StartSchedulerOptions): Scheduler {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}`);
    names.add(job.name);
  }
  const log = logger.child({ component: "scheduler" });
  const shutdown = new AbortController();
  const running = new Map<string, Promise<JobOutcome>>();

  async function execute(job: ScheduledJob, trigger: JobTrigger): Promise<JobOutcome> {
    const jobLog = log.child({ job: job.name, trigger });
    const startedAt = now();
    try {
      const outcome = await db.withJobLock(job.lockKey, () =>
        job.run({ trigger, signal: shutdown.signal, logger: jobLog }),
      );
      if (!outcome.acquired) {
        jobLog.info("skipped: another process is running this job");
        return { status: "skipped", reason: "locked" };
      }
      return { status: "completed", result: outcome.result };
    } catch (error) {
      if (isDomainError(error))
        jobLog.warn({ code: error.code, error: error.message }, "job failed");
      else jobLog.error({ err: error }, "job failed unexpectedly");
      await recordFailure(job.name, trigger, startedAt, error);
      return { status: "failed", error };
    }
  }

  async function recordFailure(job: string, trigger: string, startedAt: Date, error: unknown) {
    try {
      await db.prisma.jobRun.create({
        data: {
          job,
          trigger,
          status: "FAILED",
          startedAt,
          finishedAt: now(),
          error: error instanceof Error ? error.message : String(error),
          // The sync history derives from the code whether a retry may succeed.
          ...(isDomainError(error) ? { details: { errorCode: error.code } } : {}),
        },
        select: { id: true },
      });
    } catch (recordError) {
      log.error({ err: recordError, job }, "could not record the failed job run");
    }
  }

  function runJob(job: ScheduledJob, trigger: JobTrigger): Promise<JobOutcome> {
    if (shutdown.signal.aborted) return Promise.resolve({ status: "skipped", reason: "stopped" });
    if (running.has(job.name)) {
      log.info({ job: job.name, trigger }, "skipped: this job is still running");
      return Promise.resolve({ status: "skipped", reason: "running" });
    }
    const run = execute(job, trigger).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  const crons = new Map<string, Cron>();
  for (const job of jobs) {
    const [pattern, scheduleOptions] = cronArguments(job);
    const cron = new Cron(
      pattern,
      {
        ...scheduleOptions,
        paused: paused === true,
        // Never keep the process alive just for a timer; the server does that.
        unref: true,
        protect: () => log.info({ job: job.name }, "skipped: the previous run is still going"),
      },
      async () => {
        await runJob(job, "schedule");
      },
    );
    crons.set(job.name, cron);
  }

  return {
    jobNames: [...names],
    nextRun: (jobName) => crons.get(jobName)?.nextRun() ?? null,
    runNow(jobName) {
      const job = jobs.find((candidate) => candidate.name === jobName);
      if (!job) throw new Error(`no scheduled job named ${jobName}`);
      return runJob(job, "manual");
    },
    async settled(jobName) {
      await running.get(jobName);
    },
    async stop() {
      for (const cron of crons.values()) cron.stop();
      shutdown.abort("scheduler stopped");
      await Promise.allSettled(running.values());
    },
  };
}

/** croner's pattern and schedule options for a job (merged with the common options above). */
function cronArguments(job: ScheduledJob): [string, CronOptions] {
  const { schedule } = job;
  if ("cron" in schedule) return [schedule.cron, { timezone: schedule.timezone ?? "UTC" }];
  // Intervals that do not divide an hour (e.g. 7m) do not fit a cron pattern: tick every second
  // and let croner's `interval` (minimum seconds between runs) space the runs.
  const seconds = Math.max(1, Math.round(schedule.everyMs / 1000));
  return [
    "* * * * * *",
    {
      interval: seconds,
      ...(schedule.runAtStart ? {} : { startAt: new Date(Date.now() + seconds * 1000) }),
    },
  ];
}
