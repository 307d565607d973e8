// `pnpm cli tiers sync|undo`: puts customers in the X-Series customer group of their loyalty tier
// (dry run unless --apply), and undoes a run.
import { DomainError } from "@greenloop/order-sync/errors";
import { openDatabaseFromEnv } from "../../database";
import { createLightspeedClientFromEnv } from "../../lightspeed";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import {
  applyTierSync,
  planTierSync,
  type TierSyncPlan,
  type TierSyncRunResult,
  type UndoTierSyncResult,
  undoTierSync,
} from "../../tier-sync/tier-sync";
import type { CliCommand, CommandContext, CommandResult } from "../command";
import { commandHelp } from "../command-help";
import { wholeNumberOption } from "../whole-number-option";

/** Changes listed by a dry run. */
const shownChanges = 20;
const progressEvery = 100;

export const tiersCommand: CliCommand = {
  ...commandHelp.tiers,
  options: {
    apply: { type: "boolean" },
    limit: { type: "string" },
  },
  async run(context) {
    const [action, ...rest] = context.positionals;
    if (action === "sync" && rest.length === 0) return runSync(context);
    if (action === "undo" && rest.length === 1 && rest[0]) {
      if (context.values.apply || context.values.limit !== undefined) {
        throw new DomainError("BAD_INPUT", "--apply and --limit are for tiers sync");
      }
      return runUndo(context, rest[0]);
    }
    throw new DomainError(
      "BAD_INPUT",
      `Expected "sync" or "undo <runId>". Usage: pnpm cli ${tiersCommand.usage}`,
    );
  },
};

async function runSync({
  env,
  logger,
  values,
  say,
  shutdown,
}: CommandContext): Promise<CommandResult> {
  const apply = values.apply === true;
  const limit =
    values.limit === undefined
      ? undefined
      : wholeNumberOption(values.limit, "--limit", 0, { min: 1 });
  const tierGroups = env.tierGroups;
  if (!tierGroups) {
    throw new DomainError(
      "CONFIG",
      "TIER_GROUPS is not set: map each tier to its X-Series customer group (id or name), e.g. " +
        'TIER_GROUPS="Seed=GreenHaus Crew - Seed,Sprout=…,Bloom=…,Evergreen=…,FirstTimeBuyer=First Time Buyer".',
    );
  }
  // Configuration first: a missing token fails before the database is touched.
  const client = createLightspeedClientFromEnv(env, logger);
  const db = await openDatabaseFromEnv(env, logger);
  try {
    await db.migrate();
    const groups = await client.fetchCustomerGroups({ signal: shutdown });
    const plan = await planTierSync(db, {
      groups: groups.records.map((record) => record.data),
      tierGroups,
    });
    if (!apply) {
      return {
        json: syncJson(plan, null),
        summary: [...describePlan(plan), ...describeChanges(plan), ...applyHint(plan, limit)].join(
          "\n",
        ),
      };
    }
    const total = limit === undefined ? plan.changes.length : Math.min(limit, plan.changes.length);
    if (total > 0) say(`Changing ${total} customer group(s) in X-Series…`);
    const run = exclusive(
      await db.withJobLock(jobLockKeys.tierSync, () =>
        applyTierSync(db, client, plan, {
          signal: shutdown,
          logger,
          ...(limit === undefined ? {} : { limit }),
          onProgress: ({ attempted }) => {
            if (attempted % progressEvery === 0 && attempted < total) {
              say(`  ${attempted} of ${total}`);
            }
          },
        }),
      ),
    );
    const made = `${run.applied} change(s) made are recorded as run ${run.runId} (\`pnpm cli tiers undo ${run.runId}\` puts them back)`;
    if (run.halted) {
      throw new DomainError(
        run.halted.code,
        `Tier sync stopped: ${run.halted.message.replace(/\.$/, "")}. ${made}; run it again to continue.`,
      );
    }
    if (run.interrupted) {
      throw new DomainError(
        "UNAVAILABLE",
        `Tier sync stopped (${String(shutdown.reason)}) before it finished. ${made}; run it again to continue.`,
      );
    }
    return { json: syncJson(plan, run), summary: describeRun(plan, run).join("\n") };
  } finally {
    await db.close();
  }
}

async function runUndo(
  { env, logger, shutdown }: CommandContext,
  runId: string,
): Promise<CommandResult> {
  const client = createLightspeedClientFromEnv(env, logger);
  const db = await openDatabaseFromEnv(env, logger);
  try {
    await db.migrate();
    const result = exclusive(
      await db.withJobLock(jobLockKeys.tierSync, () =>
        undoTierSync(db, client, runId, { signal: shutdown, logger }),
      ),
    );
    if (result.halted || result.interrupted) {
      const why = result.halted
        ? result.halted.message.replace(/\.$/, "")
        : String(shutdown.reason);
      throw new DomainError(
        result.halted?.code ?? "UNAVAILABLE",
        `Undo of run ${runId} stopped (${why}) after ${result.undone} change(s); run it again to continue.`,
      );
    }
    return {
      json: { runId, undone: result.undone, skipped: result.skipped },
      summary: describeUndo(result).join("\n"),
    };
  } finally {
    await db.close();
  }
}

function syncJson(plan: TierSyncPlan, run: TierSyncRunResult | null) {
  return {
    dryRun: run === null,
    runId: run?.runId ?? null,
    planned: plan.changes.length,
    applied: run?.applied ?? 0,
    skipped: plan.skipped,
    unchanged: plan.unchanged,
    errors: run?.errors ?? [],
    byGroup: plan.byGroup,
  };
}

function describePlan(plan: TierSyncPlan): string[] {
  const unmapped = Object.entries(plan.skippedByReason.unmappedTier)
    .map(([tier, count]) => `${count} in ${tier}`)
    .join(", ");
  const skipped =
    plan.skipped === 0
      ? ""
      : `; ${plan.skipped} customer(s) skipped (${plan.skippedByReason.noTier} without a tier` +
        `${unmapped ? `, tiers TIER_GROUPS does not map: ${unmapped}` : ""})`;
  const lines = [
    `Dry run, nothing changed: ${plan.changes.length} X-Series customer(s) to move, ` +
      `${plan.unchanged} already in their group${skipped}.`,
  ];
  const groups = Object.entries(plan.byGroup).sort(([a], [b]) => a.localeCompare(b));
  if (groups.length > 0) {
    const width = Math.max(...groups.map(([name]) => name.length));
    lines.push("By target group:", ...groups.map(([name, n]) => `  ${name.padEnd(width)}  ${n}`));
  }
  return lines;
}

function applyHint(plan: TierSyncPlan, limit: number | undefined): string[] {
  if (plan.changes.length === 0) return [];
  const first = limit === undefined ? "" : ` (the first ${Math.min(limit, plan.changes.length)})`;
  return [`Run \`pnpm cli tiers sync --apply\` to make them${first}.`];
}

function describeChanges(plan: TierSyncPlan): string[] {
  if (plan.changes.length === 0) return [];
  const name = (id: string | null) => (id === null ? "(none)" : (plan.groupNames[id] ?? id));
  return [
    "First changes:",
    ...plan.changes
      .slice(0, shownChanges)
      .map(
        (c) =>
          `  ${c.retailCustomerId} (customer ${c.customerId}): ${name(c.fromGroupId)} → ${name(c.toGroupId)} (${c.reason})`,
      ),
    ...(plan.changes.length > shownChanges
      ? [`  … and ${plan.changes.length - shownChanges} more`]
      : []),
  ];
}

function describeRun(plan: TierSyncPlan, run: TierSyncRunResult): string[] {
  const lines = [
    run.applied === 0 && run.errors.length === 0
      ? `Nothing to change: ${plan.unchanged} X-Series customer(s) already in their group, ${plan.skipped} skipped.`
      : `Run ${run.runId}: moved ${run.applied} X-Series customer(s) to their tier's group ` +
        `(${plan.unchanged} already there, ${plan.skipped} skipped). Undo: \`pnpm cli tiers undo ${run.runId}\`.`,
  ];
  if (run.notAttempted > 0) {
    lines.push(`${run.notAttempted} more over --limit; run it again for the rest.`);
  }
  if (run.errors.length > 0) {
    lines.push(
      `${run.errors.length} change(s) failed:`,
      ...run.errors.map((error) => `  customer ${error.customerId}: ${error.message}`),
    );
  }
  return lines;
}

const skipReasons: Record<UndoTierSyncResult["skipped"][number]["reason"], string> = {
  "no-previous-group": "had no group before the run",
  "moved-since": "moved to another group since the run",
  deleted: "deleted in X-Series since the run",
  failed: "Lightspeed refused",
};

function describeUndo(result: UndoTierSyncResult): string[] {
  return [
    `Run ${result.runId}: put ${result.undone} X-Series customer(s) back in their previous group.`,
    ...(result.skipped.length > 0
      ? [
          `${result.skipped.length} left as they are:`,
          ...result.skipped.map(
            (s) =>
              `  ${s.retailCustomerId} (customer ${s.customerId}): ${skipReasons[s.reason]}${s.message ? `: ${s.message}` : ""}`,
          ),
        ]
      : []),
  ];
}

/** Two runs changing X-Series groups at once would make (and log) the same changes twice. */
function exclusive<T>(outcome: { acquired: true; result: T } | { acquired: false }): T {
  if (!outcome.acquired) {
    throw new DomainError(
      "CONFLICT",
      "Another tier sync or undo is running; nothing was done. Try again when it has finished.",
    );
  }
  return outcome.result;
}
