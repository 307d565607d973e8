export {
  type ColumnMapping,
  columnMappingSchema,
  type DetectedEcomCsvFormat,
  detectEcomCsvFormat,
  ECWID_MAPPING,
  parseColumnMapping,
  SHOPIFY_MAPPING,
} from "./column-mapping";
export { detachString } from "./detach-string";
export {
  ECWID_ORDER_COLUMNS,
  ECWID_SAMPLE_HEADER_LINE,
  SHOPIFY_ORDER_COLUMNS,
} from "./ecom-csv-headers";
export type {
  EcomCsvBatch,
  EcomCsvFormat,
  EcomCsvIssue,
  EcomOrderItem,
  ParsedEcomOrder,
} from "./ecom-order";
export { type EcomCsvInput, type ParseEcomCsvOptions, parseEcomCsv } from "./parse-ecom-csv";
export {
  type GenerateEcomExportOptions,
  generateEcomExport,
} from "./testing/generate-ecom-export";
export { parseExportTimestamp, ZoneOffsets } from "./zoned-time";
