export {
  type ColumnMapping,
  columnMappingSchema,
  parseColumnMapping,
} from "./column-mapping";
export { detachString } from "./detach-string";
export type {
  EcomCsvBatch,
  EcomCsvFormat,
  EcomCsvIssue,
  EcomOrderItem,
  ParsedEcomOrder,
} from "./ecom-order";
export {
  defineEcomExportFormat,
  ECWID_MAPPING,
  ECWID_ORDER_COLUMNS,
  ECWID_SAMPLE_HEADER_LINE,
  type EcomExportFormat,
  type EcomExportFormatChoice,
  type EcomExportFormatName,
  type EcomExportFormatSpec,
  ecomExportFormatChoices,
  ecomExportFormatNames,
  ecomExportFormats,
  ecwidFormat,
  type GroupingRule,
  type HeaderRule,
  mappingFormat,
  parseExportTimestamp,
  SHOPIFY_MAPPING,
  SHOPIFY_ORDER_COLUMNS,
  type StatusRule,
  shopifyFormat,
  type TimeRule,
} from "./formats";
export { type EcomCsvInput, type ParseEcomCsvOptions, parseEcomCsv } from "./parse-ecom-csv";
export {
  type DetectedEcomCsvFormat,
  detectEcomCsvFormat,
  type ExportFormatChoice,
} from "./recognise-export-format";
export {
  type GenerateEcomExportOptions,
  generateEcomExport,
} from "./testing/generate-ecom-export";
export { ZoneOffsets } from "./zone-offsets";
