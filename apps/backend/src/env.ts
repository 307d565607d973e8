// The one place the backend reads its configuration. Everything else receives an `Env`.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PGLITE_DIR, IN_MEMORY } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { z } from "zod";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  PGLITE_DIR: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  PORT: z.coerce
    .number({ error: "must be a port number (0-65535; 0 picks a free port)" })
    .int("must be a whole number")
    .min(0, "must be 0-65535")
    .max(65_535, "must be 0-65535")
    .default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(logLevels).optional(),
  /** Where the user ran the command (pnpm runs scripts in the package folder; npm/pnpm set INIT_CWD). */
  INIT_CWD: z.string().optional(),
});

export interface Env {
  databaseUrl: string | undefined;
  /** Absolute PGlite data directory (relative values are taken from where the command was run). */
  pgliteDir: string;
  port: number;
  host: string;
  logLevel: (typeof logLevels)[number] | undefined;
  /** The directory relative paths given by the user are resolved against. */
  invocationDir: string;
}

export type EnvSource = Record<string, string | undefined>;

export function loadEnv(source: EnvSource = readProcessEnv()): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return `${name}=${JSON.stringify(source[name] ?? "")} ${issue.message}`;
    });
    throw new DomainError(
      "CONFIG",
      `Invalid configuration: ${problems.join("; ")}. See .env.example.`,
    );
  }
  const env = parsed.data;
  const invocationDir = env.INIT_CWD ?? process.cwd();
  return {
    databaseUrl: env.DATABASE_URL,
    pgliteDir: resolvePgliteDir(env.PGLITE_DIR, invocationDir),
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    invocationDir,
  };
}

function resolvePgliteDir(value: string | undefined, invocationDir: string): string {
  if (value === undefined) return path.join(repoRoot, DEFAULT_PGLITE_DIR);
  if (value === IN_MEMORY) return value;
  return path.resolve(invocationDir, value);
}

/** process.env, with the repository's `.env` file (if any) filled in underneath it. */
function readProcessEnv(): EnvSource {
  const dotEnv = path.join(repoRoot, ".env");
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv); // never overrides variables already set
  return process.env;
}
