// eCom export imports over the API: upload one (it imports in the background), follow it, list
// the runs and what a run rejected. Upload protocol: imports/import-upload-options.ts.
import { tmpdir } from "node:os";
import { octetInputParser } from "@trpc/server/http";
import { z } from "zod";
import {
  getImportRun,
  importRunPhases,
  listImportIssues,
  listImportRuns,
} from "../../imports/import-runs";
import { receiveUpload } from "../../imports/receive-upload";
import { startUploadedImport } from "../../imports/start-uploaded-import";
import { cursorSchema, importStatusSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

/**
 * tRPC's binary input (over HTTP the body arrives as a ReadableStream); a caller in the same
 * process (createCaller) may hand over the Blob or bytes themselves.
 */
const uploadInput: typeof octetInputParser = {
  ...octetInputParser,
  parse(input) {
    if (input instanceof Blob) return input.stream();
    if (input instanceof Uint8Array) return new Blob([new Uint8Array(input)]).stream();
    return octetInputParser.parse(input);
  },
};

const importRunSchema = z.object({
  id: z.string(),
  status: importStatusSchema,
  dryRun: z.boolean(),
  done: z.boolean(),
  phase: z.enum(importRunPhases),
  format: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  fileBytes: z.number().int(),
  rowsRead: z.number().int(),
  rowsRejected: z.number().int(),
  ordersCreated: z.number().int(),
  ordersUpdated: z.number().int(),
  ordersUnchanged: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  owner: z.string().nullable(),
  heartbeatAt: z.date().nullable(),
});

const issueSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
  orderNumber: z.string().nullable(),
});

export const importsRouter = createTRPCRouter({
  /**
   * Uploads an eCom export (the body: an optional `?format=…&dryRun=…&fileName=…` line, then the
   * file) and starts importing it; answers with the run's id at once (follow it with `progress`).
   */
  start: operatorProcedure
    .input(uploadInput)
    .output(z.object({ runId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const upload = await receiveUpload(input, {
        maxBytes: ctx.config.api.importMaxBytes,
        tempDir: tmpdir(),
      });
      return startUploadedImport(upload, {
        db: ctx.db,
        env: ctx.config,
        tasks: ctx.tasks,
        logger: ctx.logger,
        now: ctx.now,
      });
    }),

  /**
   * One run: its status and counts so far (they grow with each committed batch); INTERRUPTED
   * once its process stopped beating for IMPORT_HEARTBEAT_GRACE.
   */
  progress: viewerProcedure
    .input(z.object({ runId: uuidSchema }))
    .output(importRunSchema)
    .query(({ ctx, input }) =>
      getImportRun(ctx.db, input.runId, {
        graceMs: ctx.config.imports.heartbeatGraceMs,
        logger: ctx.logger,
      }),
    ),

  /** Import runs (uploads and CLI imports), newest first. */
  list: viewerProcedure
    .input(z.object({ limit: pageSizeSchema, cursor: cursorSchema }).prefault({}))
    .output(z.object({ runs: z.array(importRunSchema), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      listImportRuns(ctx.db, {
        limit: input.limit,
        after: input.cursor,
        graceMs: ctx.config.imports.heartbeatGraceMs,
        logger: ctx.logger,
      }),
    ),

  /** The rows a run rejected, in file order (the first 1,000 are kept). */
  errors: viewerProcedure
    .input(z.object({ runId: uuidSchema, limit: pageSizeSchema, cursor: cursorSchema }))
    .output(
      z.object({
        runId: z.string(),
        total: z.number().int(),
        omitted: z.number().int(),
        issues: z.array(issueSchema),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) =>
      listImportIssues(ctx.db, { runId: input.runId, limit: input.limit, after: input.cursor }),
    ),
});
