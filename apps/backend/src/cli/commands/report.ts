// `pnpm cli report <name>`: merges (how records became customers), delays (how late eCom orders
// reach X-Series), missing (eCom orders not there yet) and reconcile (an eCom export against
// X-Series). Each report lives in its own file.
import { DomainError } from "@greenloop/order-sync/errors";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { delaysReport } from "./report-delays";
import type { Report } from "./report-kind";
import { mergesReport } from "./report-merges";
import { missingReport } from "./report-missing";
import { reconcileReport } from "./report-reconcile";

const reports: Report[] = [mergesReport, delaysReport, missingReport, reconcileReport];
const commonOptions = new Set(["json", "help"]);

const usage = reports.map((report) => report.usage).join(" | ");

export const reportCommand: CliCommand = {
  ...commandHelp.report,
  subcommands: reports,
  options: {
    limit: { type: "string" },
    since: { type: "string" },
    days: { type: "string" },
    format: { type: "string" },
    mapping: { type: "string" },
    csv: { type: "string" },
  },
  async run(context) {
    const [name, ...args] = context.positionals;
    const report = reports.find((candidate) => candidate.name === name);
    if (!report) {
      throw new DomainError("BAD_INPUT", `Unknown report. Usage: pnpm cli ${usage}`);
    }
    const foreign = Object.keys(context.values).filter(
      (option) =>
        context.values[option] !== undefined &&
        !commonOptions.has(option) &&
        !report.options.includes(option),
    );
    if (foreign.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `report ${report.name} does not take ${foreign.map((o) => `--${o}`).join(", ")}. Usage: pnpm cli ${report.usage}`,
      );
    }
    return report.run(context, args);
  },
};
