// tRPC skeleton: context, the one access middleware, error formatting (domain codes → tRPC), and
// the procedure builders. Every procedure declares who may call it (`meta.access`); the access
// middleware is the only place that checks it.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { initTRPC, TRPCError } from "@trpc/server";
import { type Access, type Caller, checkAccess } from "../auth/access";
import { resolveCaller } from "../auth/resolve-caller";
import type { Env } from "../env";
import { asDomainError, errorMappings } from "../error-mapping";
import type { Logger } from "../logger";
import type { MailTransport } from "../mail/mail-transport";
import type { BackgroundTasks } from "../scheduler/background-tasks";
import type { Scheduler } from "../scheduler/start-scheduler";
import { apiTransformer } from "./api-transformer";

export interface TrpcContext {
  db: Database;
  logger: Logger;
  /** The configuration. (Not `env`: @hono/trpc-server overwrites that key with Hono's env.) */
  config: Env;
  mail: MailTransport;
  /** When the process started, for uptime. */
  startedAt: Date;
  /** The request's Authorization header, resolved and checked by the access middleware. */
  authorization: string | undefined;
  /** The clock (tests move it to expire codes and sessions). */
  now: () => Date;
  /** Uploads' imports run here; shutdown waits for them. */
  tasks: BackgroundTasks;
  /** The running scheduler's jobs (poll, merge, analytics…), when `serve` runs them. */
  jobs?: Pick<Scheduler, "jobNames" | "runNow" | "nextRun">;
  /**
   * The X-Series client for procedures that call Lightspeed (segment pushes); made on first use,
   * so an API without Lightspeed settings answers CONFIG there and works everywhere else.
   */
  lightspeed?: () => LightspeedClient;
}

export interface TrpcMeta {
  access: Access;
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<TrpcMeta>()
  .create({
    // The GreenLoop app's client is tRPC 11 with superjson; Decimal is registered on it, so money
    // and Dates survive the wire.
    transformer: apiTransformer,
    errorFormatter({ shape, error }) {
      const domainCode = error.cause instanceof DomainError ? error.cause.code : undefined;
      return { ...shape, data: { ...shape.data, domainCode, stack: undefined } };
    },
  });

function toTrpcError(error: DomainError): TRPCError {
  return new TRPCError({
    code: errorMappings[error.code].trpc,
    message: error.message,
    cause: error,
  });
}

/**
 * Turns domain errors thrown by procedures into the matching tRPC error, once, here; so too an
 * unexpected error that is the database being out of reach (SERVICE_UNAVAILABLE, not a 500).
 */
const mapDomainErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  const domainError = result.ok
    ? undefined
    : result.error.cause instanceof DomainError
      ? result.error.cause
      : result.error.code === "INTERNAL_SERVER_ERROR"
        ? asDomainError(result.error.cause)
        : undefined;
  if (domainError) {
    if (!errorMappings[domainError.code].expected)
      ctx.logger.error({ err: domainError, path }, "procedure failed");
    throw toTrpcError(domainError);
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.logger.error(
      { err: result.error.cause ?? result.error, path },
      "procedure failed unexpectedly",
    );
  }
  return result;
});

/**
 * The access middleware: resolves the bearer token (staff token or customer session) and checks
 * it against the procedure's `meta.access`. It runs before input parsing, so a caller without
 * access learns nothing about a procedure's inputs.
 */
const authorize = t.middleware(async ({ ctx, meta, next }) => {
  let caller: Caller | null;
  try {
    caller =
      meta?.access === "public"
        ? null
        : await resolveCaller(ctx.db, {
            authorization: ctx.authorization,
            staffTokens: ctx.config.api.staffTokens,
            now: ctx.now(),
          });
    checkAccess(meta?.access, caller);
  } catch (error) {
    if (error instanceof DomainError) throw toTrpcError(error);
    throw error;
  }
  return next({ ctx: { caller } });
});

const base = t.procedure.use(mapDomainErrors).use(authorize);

function requireStaff(caller: Caller | null): Extract<Caller, { kind: "staff" }> {
  // checkAccess already refused anyone else; this narrows the type for the procedures.
  if (caller?.kind !== "staff") throw new DomainError("FORBIDDEN", "This needs a staff API token.");
  return caller;
}

function requireCustomer(caller: Caller | null): Extract<Caller, { kind: "customer" }> {
  if (caller?.kind !== "customer") {
    throw new DomainError("FORBIDDEN", "This needs a customer's session.");
  }
  return caller;
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Only the sign-in procedures: a customer has no session before them. */
export const publicProcedure = base.meta({ access: "public" });
/** Any staff token or customer session. */
export const signedInProcedure = base
  .meta({ access: "signedIn" })
  .use(({ ctx, next }) => next({ ctx: { caller: ctx.caller as Caller } }));
/** A customer's own session: `ctx.customer.email` is the proven email. */
export const customerProcedure = base
  .meta({ access: "customer" })
  .use(({ ctx, next }) => next({ ctx: { customer: requireCustomer(ctx.caller) } }));
/** A staff token: viewer or operator. */
export const viewerProcedure = base
  .meta({ access: "viewer" })
  .use(({ ctx, next }) => next({ ctx: { staff: requireStaff(ctx.caller) } }));
/** An operator token: imports, replays, splits, erasures, syncs. */
export const operatorProcedure = base
  .meta({ access: "operator" })
  .use(({ ctx, next }) => next({ ctx: { staff: requireStaff(ctx.caller) } }));
