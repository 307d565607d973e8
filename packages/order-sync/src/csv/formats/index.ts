// The registry of eCom export formats: one line per built-in format. The names and their order
// come from format-names.ts; the types hold the two lists together.
import type { EcomExportFormat } from "./ecom-export-format";
import { ecwidFormat } from "./ecwid";
import { type EcomExportFormatName, ecomExportFormatNames } from "./format-names";
import { shopifyFormat } from "./shopify";

const formatsByName: { [Name in EcomExportFormatName]: EcomExportFormat<Name> } = {
  ecwid: ecwidFormat,
  shopify: shopifyFormat,
};

/** The built-in formats, in the order auto-detection tries them. */
export const ecomExportFormats: readonly EcomExportFormat<EcomExportFormatName>[] =
  ecomExportFormatNames.map((name) => formatsByName[name]);

export {
  defineEcomExportFormat,
  type EcomExportFormat,
  type EcomExportFormatSpec,
  type GroupingRule,
  type HeaderRule,
  type StatusRule,
  type TimeRule,
} from "./ecom-export-format";
export { ECWID_MAPPING, ECWID_ORDER_COLUMNS, ECWID_SAMPLE_HEADER_LINE, ecwidFormat } from "./ecwid";
export { exportTimeRule, parseExportTimestamp } from "./export-timestamps";
export {
  type EcomExportFormatChoice,
  type EcomExportFormatName,
  ecomExportFormatChoices,
  ecomExportFormatNames,
} from "./format-names";
export { mappingFormat } from "./mapping";
export { SHOPIFY_MAPPING, SHOPIFY_ORDER_COLUMNS, shopifyFormat } from "./shopify";
