// `pnpm cli import-ecom <file>`: the eCom import workflow (imports/run-ecom-import.ts) on a file,
// with a progress line on a terminal and a summary.
import path from "node:path";
import type { EcomCsvIssue } from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";
import { openDatabaseFromEnv } from "../../database";
import {
  type ImportEcomOrdersResult,
  type ImportProgress,
  importCountsOf,
} from "../../imports/import-ecom-orders";
import {
  type EcomImportOutcome,
  type EcomImportPhase,
  runEcomImport,
} from "../../imports/run-ecom-import";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { parseExportFormat, readableFileSize, readExportMapping } from "./ecom-export-options";

/** Rejected rows listed in the human summary (all of the first 1,000 are in --json and ImportRun). */
const SHOWN_ISSUES = 20;

export const importEcomCommand: CliCommand = {
  ...commandHelp.importEcom,
  options: {
    "dry-run": { type: "boolean" },
    format: { type: "string" },
    mapping: { type: "string" },
  },
  async run({ env, logger, values, positionals, json, say, shutdown }) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Expected exactly one file. Usage: pnpm cli ${importEcomCommand.usage}`,
      );
    }
    const format = parseExportFormat(values.format);
    const mapping =
      typeof values.mapping === "string"
        ? await readExportMapping(values.mapping, env.invocationDir)
        : undefined;
    const filePath = path.resolve(env.invocationDir, file);
    const size = await readableFileSize(filePath);
    const dryRun = values["dry-run"] === true;

    const db = await openDatabaseFromEnv(env, logger);
    try {
      const { applied } = await db.migrate();
      if (applied.length > 0) logger.info({ applied }, "applied migrations");
      const fileName = path.basename(filePath);
      let bytesRead = 0;
      const progress =
        json || !process.stderr.isTTY
          ? undefined
          : createImportProgressLine(process.stderr, size, () => bytesRead);
      let outcome: Awaited<ReturnType<typeof runEcomImport>>;
      try {
        outcome = await runEcomImport(
          {
            file: { path: filePath, name: fileName },
            format,
            ...(mapping ? { mapping } : {}),
            dryRun,
          },
          {
            db,
            env,
            logger,
            signal: shutdown,
            onProgress: (counts, bytes) => {
              bytesRead = bytes;
              progress?.update(counts);
            },
            onPhase: (phase) => {
              // The progress line stays at 100 % once the file is read: a new line says what
              // the wait is for.
              progress?.end();
              say(phaseLine(phase, { fileName, bytes: size, dryRun }));
            },
          },
        );
      } finally {
        progress?.end();
      }
      const { result, analytics, timings } = outcome;
      if (result.interrupted) {
        throw new DomainError(
          "UNAVAILABLE",
          `Import stopped (${String(shutdown.reason)}) after ${result.rowsRead} row(s): ` +
            `${result.ordersCreated} order(s) created and ${result.ordersUpdated} updated are saved. ` +
            "Run the same import again to finish (what is saved is recognised as unchanged).",
        );
      }
      const { bytes, sha256 } = outcome.file;
      return {
        json: {
          importRunId: result.importRunId,
          file: { name: fileName, path: filePath, bytes, sha256 },
          dryRun,
          ...importCountsOf(result),
          customersTouched: result.customersTouched,
          errors: result.errors.map(({ line, column, message }) => ({ line, column, message })),
          errorsTotal: result.errorsTotal,
          durationMs: result.durationMs,
          totalMs: timings.totalMs,
          phasesMs: timings.phasesMs,
          analytics,
        },
        summary: summarize(fileName, bytes, result, dryRun, timings),
      };
    } finally {
      await db.close();
    }
  },
};

function summarize(
  fileName: string,
  bytes: number,
  result: ImportEcomOrdersResult,
  dryRun: boolean,
  timings: EcomImportOutcome["timings"],
): string {
  const verb = dryRun ? "would be" : "";
  const lines = [
    `${dryRun ? "Dry run of" : "Imported"} ${fileName} (${formatBytes(bytes)}) in ${seconds(timings.totalMs)}${phaseBreakdown(timings.phasesMs)}:`,
    `  rows      ${result.rowsRead} read, ${result.rowsRejected} rejected`,
    `  orders    ${result.ordersCreated} ${verb ? `${verb} ` : ""}new, ${result.ordersUpdated} ${verb ? `${verb} ` : ""}updated, ${result.ordersUnchanged} unchanged`,
    `  customers ${result.customersTouched} touched`,
  ];
  if (result.errorsTotal > 0) {
    lines.push(
      `Rejected (${result.errorsTotal} issue(s)${result.errorsTotal > SHOWN_ISSUES ? `, first ${SHOWN_ISSUES}` : ""}):`,
    );
    lines.push(...result.errors.slice(0, SHOWN_ISSUES).map(formatIssue));
  }
  if (dryRun) lines.push("Dry run: nothing was written.");
  else if (result.errorsTotal > 0) {
    lines.push(
      `Import run ${result.importRunId}: \`pnpm cli imports errors ${result.importRunId}\` lists the rejected rows (--csv for a spreadsheet).`,
    );
  } else lines.push(`Import run ${result.importRunId}.`);
  return lines.join("\n");
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "(reading and writing 25.1 s, merging 18.5 s, analytics 5.5 s)" when more than one phase ran. */
function phaseBreakdown(phasesMs: EcomImportOutcome["timings"]["phasesMs"]): string {
  const names: Record<EcomImportPhase, string> = {
    reading: "reading and writing",
    merging: "merging",
    analytics: "analytics",
  };
  const parts = (Object.keys(names) as EcomImportPhase[])
    .filter((phase) => phasesMs[phase] !== undefined)
    .map((phase) => `${names[phase]} ${seconds(phasesMs[phase] ?? 0)}`);
  return parts.length > 1 ? ` (${parts.join(", ")})` : "";
}

function phaseLine(
  phase: EcomImportPhase,
  file: { fileName: string; bytes: number; dryRun: boolean },
): string {
  if (phase === "reading") {
    return file.dryRun
      ? `Reading ${file.fileName} (${formatBytes(file.bytes)}; a dry run: nothing is written)…`
      : `Reading ${file.fileName} (${formatBytes(file.bytes)}) and writing its orders…`;
  }
  if (phase === "merging") return "Merging the changed orders into customers…";
  return "Recomputing the analytics…";
}

function formatIssue(issue: EcomCsvIssue): string {
  return `  line ${issue.line}${issue.column ? `, ${issue.column}` : ""}: ${issue.message}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * One line rewritten in place on a terminal, at most 4 times a second, while the file is read and
 * written: how much, how fast it goes (bytes per second so far) and so about how long is left.
 */
export function createImportProgressLine(
  tty: { write(text: string): unknown },
  totalBytes: number,
  bytesRead: () => number,
  now: () => number = Date.now,
) {
  let shown = false;
  let last = 0;
  const startedAt = now();
  return {
    update(progress: ImportProgress) {
      const at = now();
      if (at - last < 250) return;
      last = at;
      const read = bytesRead();
      const percent = totalBytes > 0 ? Math.min(100, (read / totalBytes) * 100) : 100;
      const eta = remainingSeconds(read, totalBytes, (at - startedAt) / 1000);
      tty.write(
        `\r\x1b[2KReading and writing: ${formatBytes(read)} of ${formatBytes(totalBytes)} (${percent.toFixed(0)} %` +
          `${eta === null ? "" : `, about ${formatSeconds(eta)} left`}), ` +
          `${progress.rowsRead} row(s): ${progress.ordersCreated} new, ${progress.ordersUpdated} updated, ` +
          `${progress.ordersUnchanged} unchanged, ${progress.rowsRejected} rejected`,
      );
      shown = true;
    },
    end() {
      if (shown) tty.write("\n");
      shown = false;
    },
  };
}

/** At the rate so far; null until there is a rate to go by (a second in, something read). */
export function remainingSeconds(read: number, total: number, elapsedSeconds: number) {
  if (elapsedSeconds < 1 || read <= 0 || read >= total) return null;
  return Math.ceil((total - read) / (read / elapsedSeconds));
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
