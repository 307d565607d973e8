// Opens the database the configuration names; every command and the server go through here.
import { type Database, openDatabase } from "@greenloop/db";
import type { Env } from "./env";
import type { Logger } from "./logger";

export function openDatabaseFromEnv(env: Env, logger: Logger): Promise<Database> {
  return openDatabase({
    databaseUrl: env.databaseUrl,
    pgliteDir: env.pgliteDir,
    onIdleError: (err) => logger.warn({ err }, "idle database connection failed"),
  });
}
