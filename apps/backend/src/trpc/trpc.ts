// tRPC skeleton: context, error formatting (domain codes → tRPC), procedure builders.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { errorMappings } from "../http/error-mapping";
import type { Logger } from "../logger";

export interface TrpcContext {
  db: Database;
  logger: Logger;
  /** When the process started, for uptime. */
  startedAt: Date;
  /** SYNC_INTERVAL in ms: what "fresh" means for the polled mirror. */
  syncIntervalMs: number;
}

const t = initTRPC.context<TrpcContext>().create({
  // The GreenLoop app's client is tRPC 11 with superjson (Decimal and Date survive the wire).
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const domainCode = error.cause instanceof DomainError ? error.cause.code : undefined;
    return { ...shape, data: { ...shape.data, domainCode, stack: undefined } };
  },
});

/** Turns domain errors thrown by procedures into the matching tRPC error, once, here. */
const mapDomainErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    const mapping = errorMappings[cause.code];
    if (!mapping.expected) ctx.logger.error({ err: cause, path }, "procedure failed");
    throw new TRPCError({ code: mapping.trpc, message: cause.message, cause });
  }
  if (
    !result.ok &&
    !(result.error.cause instanceof DomainError) &&
    result.error.code === "INTERNAL_SERVER_ERROR"
  ) {
    ctx.logger.error(
      { err: result.error.cause ?? result.error, path },
      "procedure failed unexpectedly",
    );
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);
