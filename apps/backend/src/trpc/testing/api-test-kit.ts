// Callers for router tests: the real router, context and access middleware, with a staff token or
// a customer session presented exactly as over HTTP (an Authorization header).
import type { Database } from "@greenloop/db";
import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import { openCustomerSession } from "../../auth/customer-sessions";
import { type Env, type EnvSource, loadEnv } from "../../env";
import { createLogger } from "../../logger";
import { type CapturedMail, createCapturedMail } from "../../mail/testing/captured-mail";
import { createBackgroundTasks } from "../../scheduler/background-tasks";
import { createCaller } from "../root";
import type { TrpcContext } from "../trpc";

/** The staff tokens every test environment configures. */
export const testTokens = {
  viewer: "test-viewer-token-0123456789abcdef",
  operator: "test-operator-token-0123456789abcdef",
} as const;

export function testApiEnv(overrides: EnvSource = {}): Env {
  return loadEnv({
    API_TOKENS: `test-viewer:viewer:${testTokens.viewer},test-operator:operator:${testTokens.operator}`,
    ...overrides,
  });
}

/** Who calls: a role's token, a customer's session token, any raw header, or nobody. */
export type TestIdentity =
  | "viewer"
  | "operator"
  | { customerEmail: string }
  | { authorization: string | undefined };

export interface TestApiOptions {
  env?: Env;
  mail?: CapturedMail;
  now?: () => Date;
  jobs?: TrpcContext["jobs"];
  /** The X-Series client (e.g. one connected to a test simulator). */
  lightspeed?: TrpcContext["lightspeed"];
}

export interface TestApi {
  context: TrpcContext;
  mail: CapturedMail;
  caller: ReturnType<typeof createCaller>;
}

export async function authorizationFor(
  db: Database,
  who: TestIdentity,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (who === "viewer" || who === "operator") return `Bearer ${testTokens[who]}`;
  if ("customerEmail" in who) {
    const session = await openCustomerSession(db, {
      email: who.customerEmail,
      ttlMs: 3_600_000,
      now,
    });
    return `Bearer ${session.token}`;
  }
  return who.authorization;
}

export async function testApi(
  db: Database,
  who: TestIdentity,
  options: TestApiOptions = {},
): Promise<TestApi> {
  const now = options.now ?? (() => new Date());
  const mail = options.mail ?? createCapturedMail();
  const logger = createLogger({ level: "silent" });
  const context: TrpcContext = {
    db,
    logger,
    config: options.env ?? testApiEnv(),
    mail,
    startedAt: new Date(now().getTime() - 5_000),
    authorization: await authorizationFor(db, who, now()),
    now,
    tasks: createBackgroundTasks(logger),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.lightspeed ? { lightspeed: options.lightspeed } : {}),
  };
  return { context, mail, caller: createCaller(context) };
}

/**
 * The tRPC error code a call was refused with: a `TRPCError` from a caller, or a `TRPCClientError`
 * over HTTP; undefined when the call succeeded. Any other error is rethrown, so a test that expects
 * a refusal fails on the real cause instead of comparing a code to a crash.
 */
export async function trpcErrorCode(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    const code: unknown = error instanceof TRPCClientError ? error.data?.code : undefined;
    if (typeof code === "string") return code;
    throw error;
  }
}
