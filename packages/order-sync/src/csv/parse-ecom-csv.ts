// Streaming parser for eCom order exports, as a pipeline: text chunks → header row → format
// descriptor → CSV records → rows grouped into orders → values checked and converted → batches.
// Only the unfinished last record is carried from chunk to chunk, and an order's rows only until
// the order is complete; no header → value object is built unless someone reads `order.rows`.
import { createOrderBuilder } from "./build-ecom-order";
import { createRowAgreementCheck } from "./check-order-rows-agree";
import { createValueCheck } from "./check-order-values";
import { BatchCollector } from "./collect-batches";
import type { EcomCsvBatch, EcomCsvIssue } from "./ecom-order";
import { OrderGrouper } from "./group-rows-into-orders";
import { RowFields } from "./map-row-fields";
import { readCsvHeader } from "./read-csv-header";
import { readCsvRecords } from "./read-csv-records";
import { createRecordRowsReader } from "./read-record-rows";
import { type EcomCsvInput, readTextChunks } from "./read-text-chunks";
import { type ExportFormatChoice, recogniseExportFormat } from "./recognise-export-format";
import { refuseUnterminatedHeader } from "./refuse-unterminated-header";
import { ZoneOffsets } from "./zone-offsets";

export type { EcomCsvInput } from "./read-text-chunks";

export interface ParseEcomCsvOptions extends ExportFormatChoice {
  /** The store's IANA time zone (E-Series timestamps are store-local wall time), e.g. America/Chicago. */
  timeZone: string;
  /** Orders per yielded batch (default 1000). */
  batchSize?: number;
  /** Characters handed to the CSV parser at a time (default 1 MiB). */
  chunkChars?: number;
  /** A single record longer than this is treated as an unterminated quote (default 4 MiB). */
  maxRecordChars?: number;
}

/**
 * Parses an eCom order export as a stream. Yields batches of complete orders (an order is
 * complete when the next order number starts or the file ends) with the issues found so far.
 * Throws DomainError BAD_INPUT for an empty file, a non-CSV file, an unknown header, a file that
 * ends inside its header row, or a bad mapping.
 */
export async function* parseEcomCsv(
  input: EcomCsvInput,
  options: ParseEcomCsvOptions,
): AsyncGenerator<EcomCsvBatch> {
  const zone = new ZoneOffsets(options.timeZone);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const chunkChars = Math.max(1024, options.chunkChars ?? 1 << 20);
  const maxRecordChars = Math.max(1024, options.maxRecordChars ?? 4 << 20);

  const chunks = readTextChunks(input, chunkChars);
  const header = await readCsvHeader(chunks, options.fileName);
  const recognised = recogniseExportFormat(header.line, options);
  refuseUnterminatedHeader(header, recognised, options.fileName);
  const { format, headers, delimiter } = recognised;
  const fields = new RowFields(format.columns, headers);
  const checkRowsAgree = createRowAgreementCheck(fields, format.grouping);
  const checkValues = createValueCheck(fields, format.time, zone);
  const buildOrder = createOrderBuilder({
    fields,
    format,
    readRows: createRecordRowsReader(headers, { delimiter, newline: header.newline }),
  });
  const batches = new BatchCollector(format.name, batchSize);
  const orders = new OrderGrouper(fields, {
    completeOrder(pending) {
      // A problem found while grouping rejects the order as it is; only whole orders are checked.
      const issues: EcomCsvIssue[] = pending.issues;
      let placedAt: Date | null = null;
      if (issues.length === 0) {
        checkRowsAgree(pending, issues);
        placedAt = checkValues(pending, issues);
      }
      if (issues.length > 0 || placedAt === null) batches.rejectOrder(issues, pending.rows.length);
      else batches.addOrder(buildOrder(pending, placedAt));
    },
    rejectRow: (issue) => batches.rejectRow(issue),
  });

  const records = readCsvRecords(
    chunks,
    header,
    { delimiter, headers, maxRecordChars },
    {
      record(record) {
        batches.countRow();
        orders.add(record);
        batches.cutIfFull();
      },
      unreadable: (rest) => orders.rejectUnreadable(rest),
    },
  );
  for await (const _chunk of records) yield* batches.takeCut();
  orders.finish();
  yield* batches.takeRest();
}
