// The one place the backend reads its configuration. Everything else receives an `Env`.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PGLITE_DIR, IN_MEMORY } from "@greenloop/db";
import {
  type AnalyticsConfig,
  assertValidAnalyticsConfig,
  defaultAnalyticsConfig,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import {
  defaultApiVersion,
  isLightspeedApiVersion,
  type LightspeedApiVersion,
} from "@greenloop/order-sync/lightspeed";
import Decimal from "decimal.js";
import { z } from "zod";
import { parseStaffTokens, type StaffToken } from "./auth/staff-tokens";
import { type LogFormatSetting, logFormatSettings } from "./logger";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function optionalText() {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined);
}

/** "90s", "15m", "1h", "1h30m" or plain milliseconds. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce(
    (sum, [, amount, unit]) => sum + Number(amount) * (units[unit ?? ""] ?? 0),
    0,
  );
}

/** A whole number of days, at least 1; unset keeps the analytics default. */
function wholeDays() {
  return z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .optional();
}

function durationSetting(fallback: string, minimumMs: number, example: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      const ms = parseDuration(value || fallback);
      if (ms === undefined || ms < minimumMs) {
        ctx.addIssue({ code: "custom", message: `must be a duration, e.g. ${example}` });
        return z.NEVER;
      }
      return ms;
    });
}

/** The canonical IANA names: a quick yes for most values, before loading a formatter's zone data. */
let canonicalTimeZones: ReadonlySet<string> | undefined;

function isTimeZone(value: string): boolean {
  canonicalTimeZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (canonicalTimeZones.has(value)) return true;
  // Aliases ("US/Central", "Etc/UTC") are valid too: the formatter knows them.
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** `true` or `false` (any case); `fallback` when unset or empty. */
function booleanSetting(fallback: boolean) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value || String(fallback)).toLowerCase())
    .refine((value) => value === "true" || value === "false", { message: "must be true or false" })
    .transform((value) => value === "true");
}

/** A whole number (at least `min`), or undefined for the default. */
function countSetting(min = 0) {
  return z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .optional();
}

/** A number from 0 to 1, or undefined for the default. */
function shareSetting() {
  return z.coerce
    .number({ error: "must be a number from 0 to 1" })
    .min(0, "must be a number from 0 to 1")
    .max(1, "must be a number from 0 to 1")
    .optional();
}

function moneySetting() {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      if (!/^\d+(\.\d+)?$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "must be an amount, e.g. 1000 or 999.99" });
        return z.NEVER;
      }
      return new Decimal(value);
    });
}

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
  /** `auto`: pretty lines when logs go to a terminal, JSON otherwise (files, pipes, collectors). */
  LOG_FORMAT: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "auto")
    .pipe(z.enum(logFormatSettings, { error: 'must be "auto", "pretty" or "json"' })),
  LIGHTSPEED_DOMAIN_PREFIX: optionalText(),
  LIGHTSPEED_TOKEN: optionalText(),
  /** Overrides https://{domain_prefix}.retail.lightspeed.app (e.g. the simulator). */
  LIGHTSPEED_BASE_URL: optionalText().pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  /** OAuth client secret: X-Signature of webhooks is checked with it when set. */
  LIGHTSPEED_CLIENT_SECRET: optionalText(),
  /** Which X-Series API to speak: "2.0" or a date version "YYYY-MM" (`/api/2026-07/...`). */
  LIGHTSPEED_API_VERSION: optionalText().transform((value, ctx): LightspeedApiVersion => {
    const version = value ?? defaultApiVersion;
    if (!isLightspeedApiVersion(version)) {
      ctx.addIssue({
        code: "custom",
        message: 'must be "2.0" or a date version "YYYY-MM", e.g. "2026-07"',
      });
      return z.NEVER;
    }
    return version;
  }),
  /** Personal-token webhooks are unsigned: the webhook URL then carries this secret. */
  WEBHOOK_PATH_SECRET: optionalText(),
  SYNC_INTERVAL: z
    .string()
    .trim()
    .default("15m")
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined || ms < 10_000) {
        ctx.addIssue({
          code: "custom",
          message: 'must be a duration of at least 10s, e.g. "15m", "30s", "1h"',
        });
        return z.NEVER;
      }
      return ms;
    }),
  /** IANA time zone of the store: eCom export timestamps are store-local with no offset. */
  STORE_TIMEZONE: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "America/Chicago")
    .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. "America/Chicago"' }),
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  PHONE_DEFAULT_REGION: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value || "US").toUpperCase())
    .refine((value) => /^[A-Z]{2}$/.test(value), {
      message: 'must be a two-letter country code, e.g. "US"',
    }),
  /** Also match emails under provider rules (Gmail dots, +tags), as a separate weaker key. */
  MERGE_LOOSE_EMAILS: booleanSetting(true),
  /** More X-Series customers than this on one email or phone make it a placeholder. */
  MERGE_MAX_CUSTOMERS_PER_IDENTIFIER: z.coerce
    .number({ error: "must be a whole number of at least 2" })
    .int("must be a whole number of at least 2")
    .min(2, "must be a whole number of at least 2")
    .default(5),
  /** Comma-separated emails / phones that never link anyone, on top of the built-in list. */
  MERGE_BLOCKED_EMAILS: optionalText(),
  MERGE_BLOCKED_PHONES: optionalText(),
  /** The store's own email and phone (often typed for walk-ins): never link anyone. */
  STORE_EMAIL: optionalText(),
  STORE_PHONE: optionalText(),
  /**
   * Tier → X-Series customer group for the tier sync: `Seed=<group id or name>,Sprout=…,
   * Bloom=…,Evergreen=…,FirstTimeBuyer=…`. Unset: the tier sync refuses to run.
   */
  TIER_GROUPS: optionalText().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const pairs = value.split(",").map((pair) => pair.split("=").map((part) => part.trim()));
    if (pairs.some((pair) => pair.length !== 2 || !pair[0] || !pair[1])) {
      ctx.addIssue({
        code: "custom",
        message:
          'must be "Tier=Group,…", e.g. "Seed=GreenHaus Crew - Seed,FirstTimeBuyer=First Time Buyer"',
      });
      return z.NEVER;
    }
    return Object.fromEntries(pairs) as Record<string, string>;
  }),
  /** Loyalty tiers on rolling 90-day spend: `Name=minimum,…` (the lowest applies from 0). */
  LOYALTY_TIERS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const tiers = value.split(",").map((pair) => pair.split("=").map((part) => part.trim()));
      if (tiers.some(([name, min]) => !name || !min || !/^\d+(\.\d+)?$/.test(min))) {
        ctx.addIssue({
          code: "custom",
          message: 'must be "Name=amount,…", e.g. "Seed=0,Sprout=250"',
        });
        return z.NEVER;
      }
      return tiers.map(([name, min]) => ({
        name: name as string,
        minRollingSpend: new Decimal(min as string),
      }));
    }),
  VIP_MIN_LIFETIME_VALUE: moneySetting(),
  HIGH_VALUE_MIN_LIFETIME_VALUE: moneySetting(),
  /** A first-time buyer's first order is fewer than this many days old. */
  FIRST_TIME_BUYER_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .optional(),
  /** Churn bands on 1 − P(alive): `medium` from CHURN_MEDIUM_FROM, `high` from CHURN_HIGH_FROM. */
  CHURN_MEDIUM_FROM: shareSetting(),
  CHURN_HIGH_FROM: shareSetting(),
  /** The prediction gates (Klaviyo's): below any, every customer's predictions are withheld. */
  PREDICTION_MIN_CUSTOMERS: countSetting(),
  PREDICTION_MIN_HISTORY_DAYS: countSetting(),
  PREDICTION_RECENT_ORDER_DAYS: countSetting(1),
  PREDICTION_MIN_REPEAT_CUSTOMERS: countSetting(),
  PREDICTION_REPEAT_ORDERS: countSetting(1),
  /** Below this P(alive) a customer's next order date is withheld. */
  PREDICTION_MIN_PROBABILITY_ALIVE: shareSetting(),
  /** Lifecycle: an order this many store days after the customer's previous one is "won back". */
  LIFECYCLE_WON_BACK_DAYS: wholeDays(),
  /** Lifecycle: this many store days without an order makes a customer "lapsed". */
  LIFECYCLE_LAPSED_DAYS: wholeDays(),
  /** Lifecycle: this many store days without an order makes a customer "lost" (more than lapsed). */
  LIFECYCLE_LOST_DAYS: wholeDays(),
  /** When the full analytics run happens (croner pattern, in STORE_TIMEZONE). */
  ANALYTICS_SCHEDULE: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "0 0 4 * * *"),
  /** Full runs refit the CLV and RFM models when they are older than this many days. */
  ANALYTICS_REFIT_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .default(7),
  /** An eCom order still not in X-Series this many days after it was placed opens an alert. */
  MISSING_ORDER_ALERT_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .default(3),
  /** Outgoing webhook for notifications (signed with NOTIFY_WEBHOOK_SECRET). */
  NOTIFY_WEBHOOK_URL: optionalText().pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  NOTIFY_WEBHOOK_SECRET: optionalText(),
  /** Attempts per notification delivery (webhook or push) before it is given up. */
  NOTIFY_MAX_ATTEMPTS: z.coerce
    .number({ error: "must be a whole number from 1 to 20" })
    .int("must be a whole number from 1 to 20")
    .min(1, "must be a whole number from 1 to 20")
    .max(20, "must be a whole number from 1 to 20")
    .default(5),
  /**
   * Expo's push send endpoint (staff devices, and customers' own devices for their notifications);
   * expo-server-sdk's requests go here, its receipt requests to the sibling `getReceipts`.
   */
  EXPO_PUSH_URL: optionalText()
    .transform((value) => value ?? "https://exp.host/--/api/v2/push/send")
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  /** Expo access token, when the project requires one for push ("enhanced security"). */
  EXPO_ACCESS_TOKEN: optionalText(),
  /**
   * Staff API tokens: `name:role:token` entries, comma-separated; roles `viewer` (reads) and
   * `operator` (also imports, replays, splits, erasures, syncs). Unset: only customers' sessions.
   */
  API_TOKENS: optionalText().transform((value, ctx) => {
    const parsed = parseStaffTokens(value);
    if (!parsed.ok) {
      // The message names the entry, never the token.
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.tokens;
  }),
  /** How long a customer's session (opened by an email code) lasts. */
  CUSTOMER_SESSION_TTL: durationSetting("30d", 60_000, '"30d", "12h"'),
  /** How long an emailed one-time code stays valid. */
  LOGIN_CODE_TTL: durationSetting("10m", 30_000, '"10m", "5m"'),
  /** Codes one email may request per hour (each allows 5 guesses). */
  LOGIN_CODES_PER_HOUR: z.coerce
    .number({ error: "must be a whole number from 1 to 100" })
    .int("must be a whole number from 1 to 100")
    .min(1, "must be a whole number from 1 to 100")
    .max(100, "must be a whole number from 1 to 100")
    .default(5),
  /** SMTP server for customers' login codes, e.g. smtps://user:pass@smtp.example.com:465. */
  SMTP_URL: optionalText().pipe(
    z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  ),
  MAIL_FROM: optionalText().transform((value) => value ?? "GreenLoop <no-reply@greenloop.local>"),
  /** Without SMTP_URL, mail is written as files here (local use and the demo). */
  MAIL_OUTBOX_DIR: optionalText(),
  /** Largest eCom export the API accepts as an upload, in MB. */
  IMPORT_MAX_MB: z.coerce
    .number({ error: "must be a whole number of megabytes from 1 to 4096" })
    .int("must be a whole number of megabytes from 1 to 4096")
    .min(1, "must be a whole number of megabytes from 1 to 4096")
    .max(4096, "must be a whole number of megabytes from 1 to 4096")
    .default(512),
  /**
   * An unfinished import run whose process has not renewed its heartbeat (every 5 s) for this
   * long is shown as INTERRUPTED: its process died.
   */
  IMPORT_HEARTBEAT_GRACE: durationSetting("30s", 10_000, '"30s", "2m" (at least 10s)'),
  /**
   * Bearer token for `GET /metrics` (Prometheus). Unset and no METRICS_PORT: metrics are off and
   * `/metrics` is a 404.
   */
  METRICS_TOKEN: optionalText().refine(
    (value) => value === undefined || (value.length >= 24 && !/\s/.test(value)),
    { message: "must be at least 24 characters without spaces, e.g. `openssl rand -hex 24`" },
  ),
  /** Serve `/metrics` on this port instead (same HOST), e.g. one only the scraper can reach. */
  METRICS_PORT: optionalText().transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
      ctx.addIssue({
        code: "custom",
        message: "must be a port number (0-65535; 0 picks a free port)",
      });
      return z.NEVER;
    }
    return Number(value);
  }),
  /**
   * OpenTelemetry tracing through the Node SDK, which reads its own standard OTEL_* variables
   * (exporter, endpoint, service name…). Off by default: then the SDK is not even loaded.
   */
  OTEL_TRACING: booleanSetting(false),
  /** Where the user ran the command (pnpm runs scripts in the package folder; npm/pnpm set INIT_CWD). */
  INIT_CWD: z.string().optional(),
});

/** Every variable this module reads (README's configuration table documents each). */
export const envVariableNames: readonly string[] = Object.keys(envSchema.shape);

// Checks across variables.
const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    ctx.addIssue({
      code: "custom",
      path: ["METRICS_PORT"],
      message: "must differ from PORT (unset it to serve /metrics on PORT, behind METRICS_TOKEN)",
    });
  }
  // An unsigned notification webhook could be forged by anyone who learns its URL.
  if (env.NOTIFY_WEBHOOK_URL && !env.NOTIFY_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["NOTIFY_WEBHOOK_SECRET"],
      message: "must be set when NOTIFY_WEBHOOK_URL is (deliveries are signed with it)",
    });
  }
});

export interface Env {
  databaseUrl: string | undefined;
  /** Absolute PGlite data directory (relative values are taken from where the command was run). */
  pgliteDir: string;
  port: number;
  host: string;
  logLevel: (typeof logLevels)[number] | undefined;
  /** LOG_FORMAT as set; whoever knows whether logs reach a terminal resolves `auto`. */
  logFormat: LogFormatSetting;
  /** The directory relative paths given by the user are resolved against. */
  invocationDir: string;
  lightspeed: {
    domainPrefix: string | undefined;
    token: string | undefined;
    baseUrl: string | undefined;
    clientSecret: string | undefined;
  };
  /** The X-Series API the client speaks (`LIGHTSPEED_API_VERSION`); both read into the same records. */
  lightspeedApiVersion: LightspeedApiVersion;
  webhookPathSecret: string | undefined;
  /** Milliseconds between scheduled polls. */
  syncIntervalMs: number;
  /** IANA time zone the eCom export's local timestamps are read in. */
  storeTimeZone: string;
  merge: MergeSettings;
  /** Tier (or `FirstTimeBuyer`) → X-Series customer group id or name; undefined when not set. */
  tierGroups: Record<string, string> | undefined;
  analytics: {
    config: AnalyticsConfig;
    /** Croner pattern of the scheduled full run, in the store's time zone. */
    schedule: string;
    refitDays: number;
  };
  monitoring: MonitoringSettings;
  api: ApiSettings;
  imports: ImportSettings;
  mail: MailSettings;
  observability: ObservabilitySettings;
}

/** Prometheus metrics and OpenTelemetry tracing; see `metrics/` and `tracing/`. */
export interface ObservabilitySettings {
  /** Required as a Bearer token on `/metrics` when set. */
  metricsToken: string | undefined;
  /** `/metrics` is served on this port (on HOST) instead of the main one. */
  metricsPort: number | undefined;
  tracing: boolean;
}

/** eCom import runs; see `imports/`. */
export interface ImportSettings {
  /** How old an unfinished run's heartbeat may be before the run counts as interrupted. */
  heartbeatGraceMs: number;
}

/** Who may call the tRPC API and how customers sign in; see `auth/`. */
export interface ApiSettings {
  staffTokens: StaffToken[];
  customerSessionTtlMs: number;
  loginCodeTtlMs: number;
  loginCodesPerHour: number;
  importMaxBytes: number;
}

/** Outgoing mail (customers' login codes); see `mail/`. */
export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  /** Used when smtpUrl is unset. */
  outboxDir: string;
}

/** Sync-delay alerts and where notifications go; see `monitoring/`. */
export interface MonitoringSettings {
  missingOrderAlertDays: number;
  notify: {
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    maxAttempts: number;
    expoPushUrl: string;
    expoAccessToken: string | undefined;
  };
}

/** How records become customers (identity resolution); see `merge/merge-rules.ts`. */
export interface MergeSettings {
  phoneDefaultRegion: string;
  looseEmails: boolean;
  maxCustomersPerIdentifier: number;
  blockedEmails: string[];
  blockedPhones: string[];
  storeEmails: string[];
  storePhones: string[];
}

/** The merge's settings when the configuration gives none (also the region erasures scrub phones in). */
export const defaultMergeSettings: MergeSettings = {
  phoneDefaultRegion: "US",
  looseEmails: true,
  maxCustomersPerIdentifier: 5,
  blockedEmails: [],
  blockedPhones: [],
  storeEmails: [],
  storePhones: [],
};

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export type EnvSource = Record<string, string | undefined>;

/** Settings holding credentials: an invalid one is reported without its value. */
const secretSettings = new Set([
  "DATABASE_URL",
  "LIGHTSPEED_TOKEN",
  "LIGHTSPEED_CLIENT_SECRET",
  "WEBHOOK_PATH_SECRET",
  "NOTIFY_WEBHOOK_SECRET",
  "EXPO_ACCESS_TOKEN",
  "API_TOKENS",
  "SMTP_URL",
  "METRICS_TOKEN",
]);

export function loadEnv(source: EnvSource = readProcessEnv()): Env {
  const parsed = checkedEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      // Secrets are named, never echoed: the message lands in logs and terminals.
      const shown = secretSettings.has(name) ? "(hidden)" : JSON.stringify(source[name] ?? "");
      return `${name}=${shown} ${issue.message}`;
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
    logFormat: env.LOG_FORMAT,
    invocationDir,
    lightspeed: {
      domainPrefix: env.LIGHTSPEED_DOMAIN_PREFIX,
      token: env.LIGHTSPEED_TOKEN,
      baseUrl: env.LIGHTSPEED_BASE_URL,
      clientSecret: env.LIGHTSPEED_CLIENT_SECRET,
    },
    lightspeedApiVersion: env.LIGHTSPEED_API_VERSION,
    webhookPathSecret: env.WEBHOOK_PATH_SECRET,
    syncIntervalMs: env.SYNC_INTERVAL,
    storeTimeZone: env.STORE_TIMEZONE,
    merge: {
      phoneDefaultRegion: env.PHONE_DEFAULT_REGION,
      looseEmails: env.MERGE_LOOSE_EMAILS,
      maxCustomersPerIdentifier: env.MERGE_MAX_CUSTOMERS_PER_IDENTIFIER,
      blockedEmails: list(env.MERGE_BLOCKED_EMAILS),
      blockedPhones: list(env.MERGE_BLOCKED_PHONES),
      storeEmails: list(env.STORE_EMAIL),
      storePhones: list(env.STORE_PHONE),
    },
    tierGroups: env.TIER_GROUPS,
    analytics: {
      config: analyticsConfigOf(env),
      schedule: env.ANALYTICS_SCHEDULE,
      refitDays: env.ANALYTICS_REFIT_DAYS,
    },
    monitoring: {
      missingOrderAlertDays: env.MISSING_ORDER_ALERT_DAYS,
      notify: {
        webhookUrl: env.NOTIFY_WEBHOOK_URL,
        webhookSecret: env.NOTIFY_WEBHOOK_SECRET,
        maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
        expoPushUrl: env.EXPO_PUSH_URL,
        expoAccessToken: env.EXPO_ACCESS_TOKEN,
      },
    },
    api: {
      staffTokens: env.API_TOKENS,
      customerSessionTtlMs: env.CUSTOMER_SESSION_TTL,
      loginCodeTtlMs: env.LOGIN_CODE_TTL,
      loginCodesPerHour: env.LOGIN_CODES_PER_HOUR,
      importMaxBytes: env.IMPORT_MAX_MB * 1024 * 1024,
    },
    imports: { heartbeatGraceMs: env.IMPORT_HEARTBEAT_GRACE },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: env.MAIL_OUTBOX_DIR
        ? path.resolve(invocationDir, env.MAIL_OUTBOX_DIR)
        : path.join(repoRoot, ".data/mail-outbox"),
    },
    observability: {
      metricsToken: env.METRICS_TOKEN,
      metricsPort: env.METRICS_PORT,
      tracing: env.OTEL_TRACING,
    },
  };
}

function analyticsConfigOf(env: z.output<typeof envSchema>): AnalyticsConfig {
  const base = defaultAnalyticsConfig;
  const config: AnalyticsConfig = {
    ...base,
    loyaltyTiers: env.LOYALTY_TIERS ?? base.loyaltyTiers,
    vip: { ...base.vip, minLifetimeValue: env.VIP_MIN_LIFETIME_VALUE ?? base.vip.minLifetimeValue },
    highValue: {
      minLifetimeValue: env.HIGH_VALUE_MIN_LIFETIME_VALUE ?? base.highValue.minLifetimeValue,
    },
    firstTimeBuyer: {
      ...base.firstTimeBuyer,
      withinDays: env.FIRST_TIME_BUYER_DAYS ?? base.firstTimeBuyer.withinDays,
    },
    churnRisk: churnRiskOf(env),
    predictions: predictionsOf(env),
    lifecycle: {
      wonBackAfterDays: env.LIFECYCLE_WON_BACK_DAYS ?? base.lifecycle.wonBackAfterDays,
      lapsedAfterDays: env.LIFECYCLE_LAPSED_DAYS ?? base.lifecycle.lapsedAfterDays,
      lostAfterDays: env.LIFECYCLE_LOST_DAYS ?? base.lifecycle.lostAfterDays,
    },
  };
  assertValidAnalyticsConfig(config);
  return config;
}

function churnRiskOf(env: z.output<typeof envSchema>): AnalyticsConfig["churnRisk"] {
  const base = defaultAnalyticsConfig.churnRisk;
  return {
    ...base,
    mediumFrom: env.CHURN_MEDIUM_FROM ?? base.mediumFrom,
    highFrom: env.CHURN_HIGH_FROM ?? base.highFrom,
  };
}

function predictionsOf(env: z.output<typeof envSchema>): AnalyticsConfig["predictions"] {
  const base = defaultAnalyticsConfig.predictions;
  return {
    gates: {
      minCustomersWithOrders: env.PREDICTION_MIN_CUSTOMERS ?? base.gates.minCustomersWithOrders,
      minHistoryDays: env.PREDICTION_MIN_HISTORY_DAYS ?? base.gates.minHistoryDays,
      recentOrderWithinDays: env.PREDICTION_RECENT_ORDER_DAYS ?? base.gates.recentOrderWithinDays,
      minRepeatCustomers: env.PREDICTION_MIN_REPEAT_CUSTOMERS ?? base.gates.minRepeatCustomers,
      repeatCustomerMinOrders: env.PREDICTION_REPEAT_ORDERS ?? base.gates.repeatCustomerMinOrders,
    },
    minProbabilityAliveForNextOrder:
      env.PREDICTION_MIN_PROBABILITY_ALIVE ?? base.minProbabilityAliveForNextOrder,
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
