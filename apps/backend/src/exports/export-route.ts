// CSV downloads of the staff's lists, at /api/exports/<list>.csv: the customers list (with its
// filters and sort), the Overview's top and at-risk customers, and the missing eCom orders. They
// carry customers' contact data, so they are for operator tokens only, checked by the same
// resolveCaller/checkAccess as every tRPC procedure. The rows stream as they are read.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { MAX_LIST_LIMIT } from "../analytics/store-views";
import { checkAccess } from "../auth/access";
import { resolveCaller } from "../auth/resolve-caller";
import { appInactiveSegments } from "../customers/customer-summary";
import { customerSorts } from "../customers/list-customers";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { createMergeRules } from "../merge/merge-rules";
import { type CsvExport, openCsvExportStream } from "./csv-export";
import { customersCsv } from "./customers-csv";
import { missingOrdersCsv } from "./missing-orders-csv";
import { atRiskCustomersCsv, topCustomersCsv } from "./ranked-customers-csv";

export interface ExportRouteOptions {
  db: Database;
  env: Env;
  now: () => Date;
  /** Used when the app's request logger is not there (the sub-app on its own). */
  logger: Logger;
}

/** What the route reads of the app it is mounted in: the request's logger. */
type ExportRouteEnv = { Variables: { logger: Logger } };

const label = z.string().trim().min(1).max(64);
const listLimit = z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(100);

const customersQuery = z.object({
  search: z.string().trim().min(1).max(320).optional(),
  rfmSegment: label.optional(),
  tier: label.optional(),
  inactiveSegment: z.enum(appInactiveSegments).optional(),
  isVip: z.enum(["true", "false"]).optional(),
  sort: z.enum(customerSorts).default("spend"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
const topQuery = z.object({
  by: z.enum(["totalSpend", "predictedValue365d", "spend90d"]).default("totalSpend"),
  limit: listLimit,
});
const atRiskQuery = z.object({ limit: listLimit });
const missingQuery = z.object({ days: z.coerce.number().int().min(0).max(36_500).optional() });

export function exportRoute({ db, env, now, logger }: ExportRouteOptions): Hono<ExportRouteEnv> {
  const app = new Hono<ExportRouteEnv>();

  // Before any query is read: a viewer learns nothing about the exports' inputs.
  app.use(async (c, next) => {
    const caller = await resolveCaller(db, {
      authorization: c.req.header("authorization"),
      staffTokens: env.api.staffTokens,
      now: now(),
    });
    checkAccess("operator", caller);
    (c.get("logger") ?? logger).info(
      // The path names the list; the query (a search may be an email) is not logged.
      { export: c.req.path, staff: caller?.kind === "staff" ? caller.name : undefined },
      "CSV export",
    );
    await next();
  });

  app.get("/customers.csv", (c) => {
    const { isVip, ...filters } = parseQuery(c, customersQuery);
    const defaultRegion = createMergeRules(env.merge).contact.defaultRegion;
    return sendCsv(
      c,
      customersCsv(
        db,
        { ...filters, ...(isVip ? { isVip: isVip === "true" } : {}) },
        { now: now(), defaultRegion },
      ),
      logger,
    );
  });

  app.get("/top-customers.csv", (c) =>
    sendCsv(c, topCustomersCsv(db, parseQuery(c, topQuery), { now: now() }), logger),
  );

  app.get("/at-risk-customers.csv", (c) =>
    sendCsv(c, atRiskCustomersCsv(db, parseQuery(c, atRiskQuery), { now: now() }), logger),
  );

  app.get("/missing-orders.csv", (c) => {
    const { days } = parseQuery(c, missingQuery);
    return sendCsv(
      c,
      missingOrdersCsv(db, {
        now: now(),
        minAgeDays: days ?? env.monitoring.missingOrderAlertDays,
      }),
      logger,
    );
  });

  return app;
}

function parseQuery<T extends z.ZodType>(c: Context<ExportRouteEnv>, schema: T): z.output<T> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "query";
  throw new DomainError("BAD_INPUT", `Export parameter ${field}: ${issue?.message ?? "invalid"}.`, {
    details: { field },
  });
}

async function sendCsv(
  c: Context<ExportRouteEnv>,
  csv: CsvExport,
  logger: Logger,
): Promise<Response> {
  const log = c.get("logger") ?? logger;
  const stream = await openCsvExportStream(csv, (error) =>
    log.error({ err: error, export: csv.fileName }, "CSV export broke off"),
  );
  return c.body(stream, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${csv.fileName}"`,
    // Customers' contact data: not for shared caches, nor the browser's.
    "cache-control": "no-store",
  });
}
