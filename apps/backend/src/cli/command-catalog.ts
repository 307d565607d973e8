// The CLI's commands, in the order help lists them: each one's help, and how to load it. A command
// is imported only when it runs, so `--help` and every command load only what they use (in the
// build, each `import()` below is a chunk of its own).
import type { CliCommand, CommandHelp } from "./command";
import { commandHelp } from "./command-help";

export interface CatalogedCommand extends CommandHelp {
  load(): Promise<CliCommand>;
}

export const commandCatalog: readonly CatalogedCommand[] = [
  { ...commandHelp.migrate, load: async () => (await import("./commands/migrate")).migrateCommand },
  { ...commandHelp.serve, load: async () => (await import("./commands/serve")).serveCommand },
  { ...commandHelp.demo, load: async () => (await import("./commands/demo")).demoCommand },
  {
    ...commandHelp.simulate,
    load: async () => (await import("./commands/simulate")).simulateCommand,
  },
  { ...commandHelp.sync, load: async () => (await import("./commands/sync")).syncCommand },
  {
    ...commandHelp.webhooks,
    load: async () => (await import("./commands/webhooks")).webhooksCommand,
  },
  {
    ...commandHelp.importEcom,
    load: async () => (await import("./commands/import-ecom")).importEcomCommand,
  },
  { ...commandHelp.imports, load: async () => (await import("./commands/imports")).importsCommand },
  { ...commandHelp.merge, load: async () => (await import("./commands/merge")).mergeCommand },
  {
    ...commandHelp.customers,
    load: async () => (await import("./commands/customers")).customersCommand,
  },
  { ...commandHelp.report, load: async () => (await import("./commands/report")).reportCommand },
  { ...commandHelp.tiers, load: async () => (await import("./commands/tiers")).tiersCommand },
  {
    ...commandHelp.analytics,
    load: async () => (await import("./commands/analytics")).analyticsCommand,
  },
];
