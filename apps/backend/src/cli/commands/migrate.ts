import { openDatabaseFromEnv } from "../../database";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";

export const migrateCommand: CliCommand = {
  ...commandHelp.migrate,
  async run({ env, logger }) {
    const db = await openDatabaseFromEnv(env, logger);
    try {
      const { applied, status } = await db.migrate();
      const database = { kind: db.kind, location: db.location };
      const warnings = [
        ...status.modified.map((name) => `migration ${name} was edited after it was applied`),
        ...status.unknown.map(
          (name) => `migration ${name} is applied but unknown to this version of the code`,
        ),
      ];
      for (const warning of warnings) logger.warn(warning);
      const summary =
        applied.length === 0
          ? `Database is up to date: ${status.applied.length} migration(s) applied, none pending (${db.kind} at ${db.location}).`
          : `Applied ${applied.length} migration(s) to ${db.kind} at ${db.location}:\n${applied.map((name) => `  ${name}`).join("\n")}`;
      return {
        summary,
        json: {
          database,
          changed: applied.length > 0,
          applied,
          alreadyApplied: status.applied.length - applied.length,
          pending: status.pending,
          upToDate: status.pending.length === 0,
          warnings,
        },
      };
    } finally {
      await db.close();
    }
  },
};
