// `pnpm cli imports errors|list`: the rows an eCom import rejected (as a table, CSV or JSON), and
// the import runs newest first. Both read what ImportRun holds (imports/import-runs.ts).
import { DomainError } from "@greenloop/order-sync/errors";
import { openMigratedDatabaseFromEnv } from "../../database";
import { type ImportIssue, listImportIssues, listImportRuns } from "../../imports/import-runs";
import { redactIssueMessage } from "../../imports/redact-issue-message";
import { csvLine } from "../../spreadsheet-csv";
import type { CliCommand, CommandContext, CommandResult } from "../command";
import { commandHelp } from "../command-help";
import { formatTable } from "../format-table";
import { helpWidth } from "../help-text";
import { wholeNumberOption } from "../whole-number-option";

/** Every issue a run keeps (importEcomOrders keeps the first 1,000; the rest are counted). */
const KEPT_ISSUES = 1_000;

export const importsCommand: CliCommand = {
  ...commandHelp.imports,
  options: {
    csv: { type: "boolean" },
    limit: { type: "string" },
  },
  async run(context) {
    const [action, ...args] = context.positionals;
    if (action === "errors" && args.length === 1 && args[0]) {
      if (context.values.limit !== undefined) {
        throw new DomainError("BAD_INPUT", "--limit is for imports list");
      }
      return runErrors(context, args[0]);
    }
    if (action === "list" && args.length === 0) {
      if (context.values.csv) throw new DomainError("BAD_INPUT", "--csv is for imports errors");
      return runList(context);
    }
    throw new DomainError(
      "BAD_INPUT",
      `Expected "errors <runId>" or "list". Usage: pnpm cli ${importsCommand.usage}`,
    );
  },
};

async function runErrors(
  { env, logger, values, json, columns }: CommandContext,
  runId: string,
): Promise<CommandResult> {
  const csv = values.csv === true;
  if (csv && json) throw new DomainError("BAD_INPUT", "Give --csv or --json, not both.");
  const db = await openMigratedDatabaseFromEnv(env, logger);
  try {
    const page = await listImportIssues(db, { runId, limit: KEPT_ISSUES }).catch((error) => {
      if (error instanceof DomainError && error.code === "NOT_FOUND") {
        throw new DomainError(
          "NOT_FOUND",
          `No import run ${runId}: \`pnpm cli imports list\` shows the runs.`,
          { cause: error },
        );
      }
      throw error;
    });
    const rows = page.issues.map(
      (issue): ImportIssue => ({ ...issue, message: redactIssueMessage(issue.message) }),
    );
    return {
      json: {
        runId: page.runId,
        rows,
        count: rows.length,
        total: page.total,
        omitted: page.omitted,
      },
      summary: csv
        ? issuesCsv(rows)
        : describeIssues(page.runId, rows, page.omitted, helpWidth(columns)),
    };
  } finally {
    await db.close();
  }
}

/** The CSV, its last line end left to the printer (which ends every output with one). */
function issuesCsv(rows: ImportIssue[]): string {
  const lines = [
    csvLine(["line", "column", "message", "order_number"]),
    ...rows.map((row) =>
      csvLine([String(row.line), row.column ?? "", row.message, row.orderNumber ?? ""]),
    ),
  ];
  return lines.join("").replace(/\r\n$/, "");
}

function describeIssues(
  runId: string,
  rows: ImportIssue[],
  omitted: number,
  width: number,
): string {
  if (rows.length === 0) return `Import run ${runId} rejected no rows.`;
  return [
    `Import run ${runId}: ${rows.length + omitted} issue(s) in rejected rows` +
      (omitted > 0
        ? `; the first ${rows.length} are kept, ${omitted} more were only counted:`
        : ":"),
    ...formatTable(
      ["LINE", "COLUMN", "MESSAGE"],
      rows.map((row) => [String(row.line), row.column ?? "-", row.message]),
      { width, alignRight: [0] },
    ),
  ].join("\n");
}

async function runList({ env, logger, values, columns }: CommandContext): Promise<CommandResult> {
  const limit = wholeNumberOption(values.limit, "--limit", 20, { min: 1, max: 1_000 });
  const db = await openMigratedDatabaseFromEnv(env, logger);
  try {
    const { runs } = await listImportRuns(db, {
      limit,
      graceMs: env.imports.heartbeatGraceMs,
      logger,
    });
    const summary =
      runs.length === 0
        ? "No import runs yet (pnpm cli import-ecom <file>)."
        : formatTable(
            ["STARTED", "RUN", "STATUS", "ROWS", "REJECTED", "NEW", "UPDATED", "FILE"],
            runs.map((run) => [
              run.startedAt.toISOString().slice(0, 19).replace("T", " "),
              run.id,
              // A run whose rows are written says so while its last merge and analytics run.
              run.phase === "merging" || run.phase === "analytics"
                ? `${run.status} (${run.phase})`
                : run.status,
              String(run.rowsRead),
              String(run.rowsRejected),
              String(run.ordersCreated),
              String(run.ordersUpdated),
              run.fileName,
            ]),
            { width: helpWidth(columns), alignRight: [3, 4, 5, 6] },
          ).join("\n");
    return { json: { runs, count: runs.length }, summary };
  } finally {
    await db.close();
  }
}
