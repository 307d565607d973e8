// What each CLI command says about itself (`pnpm cli --help`, `pnpm cli <command> [<sub>] --help`),
// apart from the code that runs it: help is printed without loading any command and what it
// imports (the database, Prisma, PGlite, the HTTP server…), and each command spreads its own entry,
// so every text is written once. Light imports only.
import { ecomExportFormatChoices } from "@greenloop/order-sync/csv/format-names";
import type { CliSubcommand, CommandHelp } from "./command";

const exportFormatUsage = `--format ${ecomExportFormatChoices.join("|")}`;

/** A command with subcommands: its usage is theirs, one after the other. */
const usageOf = (subcommands: readonly CliSubcommand[]) =>
  subcommands.map((sub) => sub.usage).join(" | ");

const webhooksSubcommands: CliSubcommand[] = [
  {
    name: "list",
    usage: "webhooks list [--status PENDING|PROCESSING|DONE|DEAD] [--limit N] [--json]",
    description:
      "The webhook inbox: its counts, and the deliveries newest first (--status: only those; --limit: at most N, " +
      "default 50). Reads only: the database must be migrated.",
  },
  {
    name: "replay",
    usage: "webhooks replay [--id ID]... [--json]",
    description:
      "Put dead-lettered deliveries back in the queue (all of them, or those --id names); the worker processes them next.",
  },
  {
    name: "register",
    usage: "webhooks register --url <public base URL> [--json]",
    description:
      "Register our subscriptions with the store: one per type we consume, the type in the URL. Idempotent.",
  },
  {
    name: "subscriptions",
    usage: "webhooks subscriptions [--url <public base URL>] [--prune] [--json]",
    description:
      "List the store's subscriptions as ours, stale or foreign; --prune deletes the stale ones.",
  },
];

const importsSubcommands: CliSubcommand[] = [
  {
    name: "errors",
    usage: "imports errors <runId> [--csv] [--json]",
    description:
      "The rows an import rejected: line, column and why (emails and phone numbers in a message are masked). " +
      "A table; --csv: CSV on stdout (line,column,message,order_number), for a spreadsheet; --json: " +
      '{"runId","rows","count"} and the total and omitted counts. The run id is in the import\'s summary and in ' +
      "`imports list`. Reads only.",
  },
  {
    name: "list",
    usage: "imports list [--limit N] [--json]",
    description:
      "The import runs, newest first (default 20): when, the file, the status and the counts. Runs whose " +
      "process died are shown INTERRUPTED.",
  },
];

const customersSubcommands: CliSubcommand[] = [
  {
    name: "lookup",
    usage: "customers lookup (--email E | --phone P) [--json]",
    description:
      "Find a customer by email or phone, with their orders across channels, their analytics and their " +
      "predictions (next order, churn, 365 days; or why they are withheld); a shared " +
      "email lists every customer carrying it. Reads only: the database must be migrated.",
  },
  {
    name: "explain",
    usage: "customers explain <id> [--json]",
    description:
      "Why a customer's records are one customer: the links between them (email, phone, X-Series id or an " +
      "operator's pin) and the identifiers flagged as shared. Reads only.",
  },
  {
    name: "split",
    usage: "customers split <id> --record KEY [--record KEY]... [--reason TEXT] [--json]",
    description:
      "Correct a wrong merge: move the --record records (e.g. retail_customer:<id>) out to a new customer. " +
      "Both sides are pinned apart, so the split survives later syncs.",
  },
  {
    name: "pin",
    usage: "customers pin <id> (--email E | --phone P) [--reason TEXT] [--json]",
    description:
      "Pin an email or phone to a customer: the records carrying it join them, and the pin survives later syncs.",
  },
  {
    name: "erase",
    usage: "customers erase <id> [--reason TEXT] [--json]",
    description:
      "Erase a customer's personal data from every table (an account deletion request): their orders stay, " +
      "anonymised, in the store's totals, and later syncs and imports are scrubbed of them.",
  },
];

const tiersSubcommands: CliSubcommand[] = [
  {
    name: "sync",
    usage: "tiers sync [--apply] [--limit N] [--json]",
    description:
      "Put each customer's X-Series records in the customer group of their loyalty tier (or First Time Buyer), " +
      "mapped by TIER_GROUPS. A dry run unless --apply; only what differs from the mirror is changed (run " +
      "`pnpm cli sync` first for current groups), --limit N makes the first N. Every run is recorded. Ctrl-C " +
      "stops after the current change.",
  },
  {
    name: "undo",
    usage: "tiers undo <runId> [--json]",
    description:
      "Put the customers a `tiers sync --apply` run changed back in the groups they were in.",
  },
];

/** `pnpm cli report <name>`: each report's usage and description. */
export const reportHelp = {
  merges: {
    name: "merges",
    usage: "report merges [--limit N] [--json]",
    description:
      "Customers whose records were joined by an email, a phone or an operator's pin, with the " +
      "reasons, and the identifiers flagged as shared or placeholders (linking nothing, for review).",
  },
  delays: {
    name: "delays",
    usage: "report delays [--since DATE] [--json]",
    description:
      "How late each eCom order reached X-Series (placed → the synced sale's created_at), with p50, p90, p99 and " +
      "max (nearest rank, in seconds), per week, and how many are still missing; --since: orders placed from that " +
      "date (YYYY-MM-DD in STORE_TIMEZONE, or an ISO time).",
  },
  missing: {
    name: "missing",
    usage: "report missing [--days N] [--json]",
    description:
      "The eCom orders still not in X-Series at least N days (default MISSING_ORDER_ALERT_DAYS; 0: all) after they " +
      "were placed, oldest first, with their age in whole days.",
  },
  reconcile: {
    name: "reconcile",
    usage: `report reconcile <export.csv> [${exportFormatUsage}] [--mapping <json file or JSON>] [--csv <out.csv>] [--json]`,
    description:
      "Compares an eCom order export with X-Series: matched orders, orders missing in X-Series, totals " +
      "that differ by more than 0.01 net of loyalty points, and orders one side shows cancelled or " +
      "refunded while the other does not. --csv writes one row per order for spreadsheets.",
  },
} satisfies Record<string, CliSubcommand>;

export const commandHelp = {
  migrate: {
    name: "migrate",
    usage: "migrate [--json]",
    description:
      "Apply pending database migrations (safe to run any time; does nothing when up to date).",
  },
  serve: {
    name: "serve",
    usage: "serve [--json]",
    description:
      "Run the HTTP server (tRPC, /health, the Lightspeed webhook route, and the dashboard at / once built) with the webhook worker and scheduled polling, after applying pending migrations. It listens on HOST:PORT (default 127.0.0.1:3000; e.g. `PORT=3001 pnpm serve` when 3000 is taken).",
  },
  demo: {
    name: "demo",
    usage: "demo [--seed N] [--data-dir DIR] [--sim-port N] [--json]",
    description:
      "Run the whole product locally: a simulated X-Series store with a year of history, the backend on the embedded " +
      "database (webhooks, polling, merge, analytics, monitoring), the store's eCom export imported, and the dashboard " +
      "(build it first: pnpm demo does). Prints the URLs and an operator token; the data persists in --data-dir. " +
      "The backend listens on PORT (default 3000; e.g. `PORT=3001 pnpm demo` when 3000 is taken), the simulated " +
      "store on --sim-port (default: any free port).",
  },
  simulate: {
    name: "simulate",
    usage:
      "simulate [--port N] [--seed N] [--clock real|manual] [--webhook-url URL] [--webhook-secret S] [--json]",
    description:
      "Run the Lightspeed X-Series simulator: one store's API, webhooks and eCom export, deterministic from the seed.",
  },
  sync: {
    name: "sync",
    usage: "sync [--full] [--json]",
    description:
      "Poll Lightspeed X-Series once: the sales and customers changed since the last sync go into the mirror " +
      "(--full re-reads everything from version 0). Applies pending migrations first. Ctrl-C stops after the current page.",
  },
  webhooks: {
    name: "webhooks",
    usage: usageOf(webhooksSubcommands),
    description:
      "The webhook inbox (list deliveries, replay dead-lettered ones) and the store's subscriptions (register " +
      "ours, review and prune them).",
    subcommands: webhooksSubcommands,
  },
  importEcom: {
    name: "import-ecom",
    usage: `import-ecom <file> [--dry-run] [${exportFormatUsage}] [--mapping <json file or JSON>] [--json]`,
    description:
      "Import a Lightspeed eCom (E-Series/Ecwid) order export CSV: new orders are added, changed ones updated " +
      "(with a change record), repeats left alone, so re-importing is safe. --dry-run reports what would " +
      "change and writes nothing. Applies pending migrations first. Ctrl-C stops after the current batch.",
  },
  imports: {
    name: "imports",
    usage: usageOf(importsSubcommands),
    description: "eCom import runs: list them, and read the rows one rejected.",
    subcommands: importsSubcommands,
  },
  merge: {
    name: "merge",
    usage: "merge [--all] [--json]",
    description:
      "Merge the mirrors into canonical orders and customers now: what changed since the last sweep, or everything " +
      "with --all (after changing MERGE_* settings). Idempotent. Applies pending migrations first.",
  },
  customers: {
    name: "customers",
    usage: usageOf(customersSubcommands),
    description:
      "Canonical customers: look one up by email or phone, explain why records are one customer, correct a " +
      "wrong merge (split, pin), or erase a customer's personal data.",
    subcommands: customersSubcommands,
  },
  report: {
    name: "report",
    usage: "report merges|delays|missing|reconcile [options] [--json]",
    description:
      "Reports: how records became customers (merges), how late eCom orders reach X-Series (delays), the ones " +
      "not there yet (missing), and an eCom export against X-Series (reconcile). They read only: the database " +
      "must be migrated.",
    subcommands: Object.values(reportHelp),
  },
  tiers: {
    name: "tiers",
    usage: usageOf(tiersSubcommands),
    description:
      "Loyalty tiers in X-Series: put customers in the customer group of their tier (a dry run unless " +
      "--apply), or undo a run.",
    subcommands: tiersSubcommands,
  },
  analytics: {
    name: "analytics",
    usage: "analytics [--full] [--json] | analytics holdout [--weeks N] [--json]",
    description:
      "Recompute customer analytics: the customers whose orders or identity changed since the last run, or " +
      "everyone with --full (refitting the RFM thresholds and the BG/NBD and Gamma-Gamma models). " +
      "`analytics holdout` measures how accurate the purchase predictions are on this store: BG/NBD fitted on " +
      "everything before the last N weeks of orders (default 13, at most 260), its prediction per customer " +
      "compared with their purchase days in those weeks (MAE, RMSE, correlation, totals, deciles); the run is " +
      "stored for the dashboard. Applies pending migrations first.",
  },
} satisfies Record<string, CommandHelp>;
