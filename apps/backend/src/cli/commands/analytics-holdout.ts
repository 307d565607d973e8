// `pnpm cli analytics holdout [--weeks N]`: how accurate the purchase predictions are on this
// store. BG/NBD is fitted on everything before the last N weeks of orders and its prediction for
// each customer compared with their purchases in those weeks; the run is stored for the dashboard.
import {
  DEFAULT_HOLDOUT_WEEKS,
  type HoldoutRunView,
  MAX_HOLDOUT_WEEKS,
  runHoldout,
} from "../../analytics/holdout-run";
import { openDatabaseFromEnv } from "../../database";
import type { CommandContext, CommandResult } from "../command";
import { formatTable } from "../format-table";
import { helpWidth } from "../help-text";
import { wholeNumberOption } from "../whole-number-option";

const day = (date: Date) => date.toISOString().slice(0, 10);
const fixed = (value: number, digits = 2) => value.toFixed(digits);

export async function runHoldoutCommand({
  env,
  logger,
  values,
  say,
  columns,
}: CommandContext): Promise<CommandResult> {
  const weeks = wholeNumberOption(values.weeks, "--weeks", DEFAULT_HOLDOUT_WEEKS, {
    min: 1,
    max: MAX_HOLDOUT_WEEKS,
    unit: "weeks",
  });
  const db = await openDatabaseFromEnv(env, logger);
  try {
    await db.migrate();
    say(`Fitting on everything before the last ${weeks} weeks of orders…`);
    const run = await runHoldout(db, { weeks, config: env.analytics.config, trigger: "cli" });
    return { json: holdoutJson(run), summary: describeRun(run, helpWidth(columns)).join("\n") };
  } finally {
    await db.close();
  }
}

/** The --json object: the contract's keys (customers … deciles) plus the window and the fit. */
function holdoutJson(run: HoldoutRunView): Record<string, unknown> {
  return {
    runId: run.id,
    ranAt: run.ranAt.toISOString(),
    customers: run.customers,
    holdoutWeeks: run.holdoutWeeks,
    mae: run.mae,
    rmse: run.rmse,
    correlation: run.correlation,
    predictedTotal: run.predictedTotal,
    actualTotal: run.actualTotal,
    deciles: run.deciles,
    calibrationStart: run.calibrationStart.toISOString(),
    calibrationEnd: run.calibrationEnd.toISOString(),
    observationEnd: run.observationEnd.toISOString(),
    params: run.params,
    durationMs: run.durationMs,
  };
}

function describeRun(run: HoldoutRunView, width: number): string[] {
  const holdoutStart = new Date(run.calibrationEnd.getTime() + 86_400_000);
  return [
    `Fitted on ${day(run.calibrationStart)} – ${day(run.calibrationEnd)}: ${run.customers} customer(s); ` +
      `predicted their purchase days in ${day(holdoutStart)} – ${day(run.observationEnd)} (${run.holdoutWeeks} weeks).`,
    `Predicted ${fixed(run.predictedTotal, 1)} purchases, actual ${run.actualTotal}. ` +
      `Per customer: MAE ${fixed(run.mae)}, RMSE ${fixed(run.rmse)}, correlation ${run.correlation === null ? "undefined (no variation)" : fixed(run.correlation)}.`,
    "",
    ...formatTable(
      ["Decile", "Customers", "Predicted (mean)", "Actual (mean)", "Predicted/actual (sum)"],
      run.deciles.map((d) => [
        String(d.decile),
        String(d.customers),
        fixed(d.predictedMean),
        fixed(d.actualMean),
        `${fixed(d.predictedSum, 1)} / ${d.actualSum}`,
      ]),
      { width, alignRight: [0, 1, 2, 3] },
    ),
  ];
}
