import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv, parseDuration, repoRoot } from "./env";

describe("loadEnv", () => {
  it("defaults to the embedded database in the repository's .data folder", () => {
    const env = loadEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.pgliteDir).toBe(path.join(repoRoot, ".data", "pglite"));
    expect(env.port).toBe(3000);
    expect(env.host).toBe("127.0.0.1");
  });

  it("resolves a relative PGLITE_DIR against the directory the command was run from", () => {
    const env = loadEnv({ PGLITE_DIR: "store-data", INIT_CWD: "/srv/shop" });
    expect(env.pgliteDir).toBe("/srv/shop/store-data");
    expect(loadEnv({ PGLITE_DIR: "memory://" }).pgliteDir).toBe("memory://");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadEnv({ DATABASE_URL: "  " }).databaseUrl).toBeUndefined();
    expect(loadEnv({ DATABASE_URL: "postgresql://a@b/c" }).databaseUrl).toBe("postgresql://a@b/c");
  });

  it("reads LOG_FORMAT: auto unless pretty or json", () => {
    expect(loadEnv({}).logFormat).toBe("auto");
    expect(loadEnv({ LOG_FORMAT: " pretty " }).logFormat).toBe("pretty");
    expect(() => loadEnv({ LOG_FORMAT: "fancy" })).toThrow(
      'LOG_FORMAT="fancy" must be "auto", "pretty" or "json"',
    );
  });

  it("names every invalid variable and its value", () => {
    expect(() => loadEnv({ PORT: "80a", LOG_LEVEL: "loud" })).toThrow(
      /^Invalid configuration: PORT="80a" must be a port number .*; LOG_LEVEL="loud" Invalid option/,
    );
    expect(() => loadEnv({ PORT: "70000" })).toThrow('PORT="70000" must be 0-65535');
  });
});

describe("loadEnv: Lightspeed and sync settings", () => {
  it("reads the Lightspeed connection and the webhook secrets", () => {
    const env = loadEnv({
      LIGHTSPEED_DOMAIN_PREFIX: "greenhaus",
      LIGHTSPEED_TOKEN: "lsxs_pt_x",
      LIGHTSPEED_BASE_URL: "http://127.0.0.1:4010",
      LIGHTSPEED_CLIENT_SECRET: "s3cret",
      WEBHOOK_PATH_SECRET: "path-secret",
    });
    expect(env.lightspeed).toEqual({
      domainPrefix: "greenhaus",
      token: "lsxs_pt_x",
      baseUrl: "http://127.0.0.1:4010",
      clientSecret: "s3cret",
    });
    expect(env.webhookPathSecret).toBe("path-secret");
    expect(loadEnv({}).lightspeed).toEqual({
      domainPrefix: undefined,
      token: undefined,
      baseUrl: undefined,
      clientSecret: undefined,
    });
  });

  it("reads the merge and analytics settings, with the documented defaults", () => {
    const defaults = loadEnv({});
    expect(defaults.merge).toMatchObject({
      phoneDefaultRegion: "US",
      looseEmails: true,
      maxCustomersPerIdentifier: 5,
    });
    expect(
      defaults.analytics.config.loyaltyTiers.map((t) => `${t.name}=${t.minRollingSpend}`),
    ).toEqual(["Seed=0", "Sprout=250", "Bloom=750", "Evergreen=1500"]);
    const custom = loadEnv({
      PHONE_DEFAULT_REGION: "ca",
      MERGE_BLOCKED_EMAILS: "front@shop.example, till@shop.example",
      LOYALTY_TIERS: "Seed=0,Sprout=300",
      VIP_MIN_LIFETIME_VALUE: "2000",
      TIER_GROUPS: "Seed=Crew Seed,FirstTimeBuyer=First Time Buyer",
    });
    expect(custom.merge.phoneDefaultRegion).toBe("CA");
    expect(custom.merge.blockedEmails).toEqual(["front@shop.example", "till@shop.example"]);
    expect(custom.analytics.config.loyaltyTiers).toHaveLength(2);
    expect(custom.analytics.config.vip.minLifetimeValue.toString()).toBe("2000");
    expect(custom.tierGroups).toEqual({ Seed: "Crew Seed", FirstTimeBuyer: "First Time Buyer" });
    expect(() => loadEnv({ LOYALTY_TIERS: "Seed=cheap" })).toThrow(/LOYALTY_TIERS="Seed=cheap"/);
    expect(() => loadEnv({ TIER_GROUPS: "Seed" })).toThrow(/TIER_GROUPS="Seed"/);
  });

  it("reads the churn bands and the prediction gates, Klaviyo's by default", () => {
    const defaults = loadEnv({}).analytics.config;
    expect(defaults.churnRisk).toMatchObject({ mediumFrom: 0.4, highFrom: 0.7 });
    expect(defaults.predictions).toEqual({
      gates: {
        minCustomersWithOrders: 500,
        minHistoryDays: 180,
        recentOrderWithinDays: 30,
        minRepeatCustomers: 10,
        repeatCustomerMinOrders: 3,
      },
      minProbabilityAliveForNextOrder: 0.1,
    });
    const custom = loadEnv({
      CHURN_MEDIUM_FROM: "0.3",
      CHURN_HIGH_FROM: "0.8",
      PREDICTION_MIN_CUSTOMERS: "200",
      PREDICTION_MIN_HISTORY_DAYS: "90",
      PREDICTION_RECENT_ORDER_DAYS: "14",
      PREDICTION_MIN_REPEAT_CUSTOMERS: "1",
      PREDICTION_REPEAT_ORDERS: "4",
      PREDICTION_MIN_PROBABILITY_ALIVE: "0.25",
    }).analytics.config;
    expect(custom.churnRisk).toMatchObject({ mediumFrom: 0.3, highFrom: 0.8 });
    expect(custom.predictions).toEqual({
      gates: {
        minCustomersWithOrders: 200,
        minHistoryDays: 90,
        recentOrderWithinDays: 14,
        minRepeatCustomers: 1,
        repeatCustomerMinOrders: 4,
      },
      minProbabilityAliveForNextOrder: 0.25,
    });
    expect(() => loadEnv({ PREDICTION_MIN_CUSTOMERS: "many" })).toThrow(
      /PREDICTION_MIN_CUSTOMERS="many"/,
    );
    expect(() => loadEnv({ PREDICTION_MIN_PROBABILITY_ALIVE: "1.5" })).toThrow(
      /PREDICTION_MIN_PROBABILITY_ALIVE/,
    );
    // Bands out of order are refused by the analytics settings' own check.
    expect(() => loadEnv({ CHURN_MEDIUM_FROM: "0.9" })).toThrow(/churnRisk/);
  });

  it("reads the lifecycle thresholds: 90, 90 and 180 days by default, lost after lapsed", () => {
    expect(loadEnv({}).analytics.config.lifecycle).toEqual({
      wonBackAfterDays: 90,
      lapsedAfterDays: 90,
      lostAfterDays: 180,
    });
    const custom = loadEnv({
      LIFECYCLE_WON_BACK_DAYS: "60",
      LIFECYCLE_LAPSED_DAYS: "45",
      LIFECYCLE_LOST_DAYS: "120",
    });
    expect(custom.analytics.config.lifecycle).toEqual({
      wonBackAfterDays: 60,
      lapsedAfterDays: 45,
      lostAfterDays: 120,
    });
    expect(() => loadEnv({ LIFECYCLE_LAPSED_DAYS: "2.5" })).toThrow(/LIFECYCLE_LAPSED_DAYS/);
    expect(() => loadEnv({ LIFECYCLE_LOST_DAYS: "60" })).toThrow(
      /lifecycle.lostAfterDays: must be more than lifecycle.lapsedAfterDays/,
    );
  });

  it("takes SYNC_INTERVAL as a duration, 15 minutes by default", () => {
    expect(loadEnv({}).syncIntervalMs).toBe(15 * 60_000);
    expect(loadEnv({ SYNC_INTERVAL: "1h30m" }).syncIntervalMs).toBe(90 * 60_000);
    expect(loadEnv({ SYNC_INTERVAL: "45s" }).syncIntervalMs).toBe(45_000);
    expect(() => loadEnv({ SYNC_INTERVAL: "soon" })).toThrow(
      'SYNC_INTERVAL="soon" must be a duration',
    );
    expect(() => loadEnv({ SYNC_INTERVAL: "1s" })).toThrow("at least 10s");
  });

  it("speaks API 2.0 unless LIGHTSPEED_API_VERSION names a date version", () => {
    expect(loadEnv({}).lightspeedApiVersion).toBe("2.0");
    expect(loadEnv({ LIGHTSPEED_API_VERSION: " 2026-07 " }).lightspeedApiVersion).toBe("2026-07");
    expect(loadEnv({ LIGHTSPEED_API_VERSION: "2.0" }).lightspeedApiVersion).toBe("2.0");
    for (const bad of ["2026-7", "2026-13", "v2026.07", "3.0"]) {
      expect(() => loadEnv({ LIGHTSPEED_API_VERSION: bad })).toThrow(
        `LIGHTSPEED_API_VERSION=${JSON.stringify(bad)} must be "2.0" or a date version "YYYY-MM", e.g. "2026-07"`,
      );
    }
  });

  it("rejects a LIGHTSPEED_BASE_URL that is not a URL", () => {
    expect(() => loadEnv({ LIGHTSPEED_BASE_URL: "localhost:4010/x y" })).toThrow(
      'LIGHTSPEED_BASE_URL="localhost:4010/x y" must be an http(s) URL',
    );
  });
});

describe("loadEnv: monitoring and notifications", () => {
  it("alerts on orders missing for 3 days and pushes through Expo by default", () => {
    expect(loadEnv({}).monitoring).toEqual({
      missingOrderAlertDays: 3,
      notify: {
        webhookUrl: undefined,
        webhookSecret: undefined,
        maxAttempts: 5,
        expoPushUrl: "https://exp.host/--/api/v2/push/send",
        expoAccessToken: undefined,
      },
    });
    const custom = loadEnv({
      MISSING_ORDER_ALERT_DAYS: "7",
      NOTIFY_WEBHOOK_URL: "https://ops.example/hooks/greenloop",
      NOTIFY_WEBHOOK_SECRET: "whsec",
      NOTIFY_MAX_ATTEMPTS: "3",
      EXPO_PUSH_URL: "http://127.0.0.1:4020/push",
      EXPO_ACCESS_TOKEN: "expo-token",
    }).monitoring;
    expect(custom.missingOrderAlertDays).toBe(7);
    expect(custom.notify).toEqual({
      webhookUrl: "https://ops.example/hooks/greenloop",
      webhookSecret: "whsec",
      maxAttempts: 3,
      expoPushUrl: "http://127.0.0.1:4020/push",
      expoAccessToken: "expo-token",
    });
  });

  it("refuses an unsigned notification webhook and out-of-range numbers", () => {
    expect(() => loadEnv({ NOTIFY_WEBHOOK_URL: "https://ops.example/h" })).toThrow(
      /NOTIFY_WEBHOOK_SECRET=\(hidden\) must be set when NOTIFY_WEBHOOK_URL is/,
    );
    expect(() => loadEnv({ MISSING_ORDER_ALERT_DAYS: "0" })).toThrow(
      'MISSING_ORDER_ALERT_DAYS="0" must be at least 1',
    );
    expect(() => loadEnv({ NOTIFY_MAX_ATTEMPTS: "50" })).toThrow(/NOTIFY_MAX_ATTEMPTS="50"/);
    expect(() => loadEnv({ EXPO_PUSH_URL: "exp host" })).toThrow(/EXPO_PUSH_URL="exp host"/);
  });
});

describe("loadEnv: API access and mail", () => {
  it("reads staff tokens, session and code lifetimes, mail and the upload limit", () => {
    const env = loadEnv({
      API_TOKENS:
        "dash:viewer:aaaaaaaaaaaaaaaaaaaaaaaaaaaa,ops:operator:bbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      CUSTOMER_SESSION_TTL: "12h",
      LOGIN_CODE_TTL: "5m",
      LOGIN_CODES_PER_HOUR: "10",
      SMTP_URL: "smtps://mailer:pw@smtp.example.com:465",
      MAIL_FROM: "Shop <shop@example.com>",
      IMPORT_MAX_MB: "64",
    });
    expect(env.api.staffTokens.map(({ name, role }) => `${name}:${role}`)).toEqual([
      "dash:viewer",
      "ops:operator",
    ]);
    expect(env.api).toMatchObject({
      customerSessionTtlMs: 12 * 3_600_000,
      loginCodeTtlMs: 5 * 60_000,
      loginCodesPerHour: 10,
      importMaxBytes: 64 * 1024 * 1024,
    });
    expect(env.mail).toMatchObject({
      smtpUrl: "smtps://mailer:pw@smtp.example.com:465",
      from: "Shop <shop@example.com>",
    });
  });

  it("defaults to no staff tokens, 30-day sessions, 10-minute codes and a mail outbox", () => {
    const env = loadEnv({});
    expect(env.api).toMatchObject({
      staffTokens: [],
      customerSessionTtlMs: 30 * 86_400_000,
      loginCodeTtlMs: 10 * 60_000,
      loginCodesPerHour: 5,
    });
    expect(env.mail.smtpUrl).toBeUndefined();
    expect(env.mail.outboxDir).toMatch(/\.data\/mail-outbox$/);
  });

  it("refuses bad tokens and SMTP URLs without echoing the secret", () => {
    const attempt = () => loadEnv({ API_TOKENS: "dash:viewer:tooshort-secret" });
    expect(attempt).toThrow(/API_TOKENS=\(hidden\) entry 1 \(dash\) has a token shorter than 24/);
    expect(attempt).not.toThrow(/tooshort-secret/);
    expect(() => loadEnv({ SMTP_URL: "http://user:pw@mail" })).toThrow(
      /SMTP_URL=\(hidden\) must be an smtp/,
    );
    expect(() => loadEnv({ LOGIN_CODE_TTL: "1s" })).toThrow(
      /LOGIN_CODE_TTL="1s" must be a duration/,
    );
  });
});

describe("parseDuration", () => {
  it("reads units and plain milliseconds, and refuses anything else", () => {
    expect(parseDuration("250")).toBe(250);
    expect(parseDuration("2m30s")).toBe(150_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("15 m")).toBeUndefined();
    expect(parseDuration("m")).toBeUndefined();
  });
});

describe("loadEnv: metrics and tracing", () => {
  it("leaves metrics and tracing off by default", () => {
    expect(loadEnv({}).observability).toEqual({
      metricsToken: undefined,
      metricsPort: undefined,
      tracing: false,
    });
  });

  it("reads METRICS_TOKEN, METRICS_PORT and OTEL_TRACING", () => {
    const token = "a".repeat(24);
    expect(
      loadEnv({ METRICS_TOKEN: token, METRICS_PORT: "9464", OTEL_TRACING: "TRUE" }).observability,
    ).toEqual({ metricsToken: token, metricsPort: 9464, tracing: true });
  });

  it("refuses a short METRICS_TOKEN without echoing it, a bad port, and METRICS_PORT equal to PORT", () => {
    expect(() => loadEnv({ METRICS_TOKEN: "short-secret" })).toThrow(
      /METRICS_TOKEN=\(hidden\) must be at least 24 characters/,
    );
    expect(() => loadEnv({ METRICS_TOKEN: "short-secret" })).not.toThrow(/short-secret/);
    expect(() => loadEnv({ METRICS_PORT: "70000" })).toThrow('METRICS_PORT="70000" must be a port');
    expect(() => loadEnv({ PORT: "9000", METRICS_PORT: "9000" })).toThrow(
      /METRICS_PORT="9000" must differ from PORT/,
    );
    expect(() => loadEnv({ OTEL_TRACING: "yes" })).toThrow(
      'OTEL_TRACING="yes" must be true or false',
    );
  });
});
