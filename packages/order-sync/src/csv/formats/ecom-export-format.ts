// One eCom export format as the parser reads it: how its header row is recognised, which columns
// feed which fields, how its times and statuses read and how its rows make up orders. The parser
// has no branch on a format's name; what differs between exports is here.
import { type ColumnMapping, requiredColumns } from "../column-mapping";
import type { ZoneOffsets } from "../zone-offsets";

export interface HeaderRule {
  /** Auto-detection picks the first format whose signature columns are all in the header row. */
  signature: readonly string[];
  /** The columns a file needs to be read as this format, however the format was chosen. */
  required: readonly string[];
  /** The message for a header row without some of `required` (`missing`: quoted, comma-separated). */
  describeMissing(where: string, missing: string): string;
}

export interface TimeRule {
  /** The order's time as UTC, or null when the text is no date this export writes. */
  parse(text: string, zone: ZoneOffsets): Date | null;
  /** Shapes the export writes, named in the message for an unparseable date. */
  examples: readonly string[];
}

export interface StatusRule {
  /** A status code as the export writes it → the code kept. */
  normalizeCode(code: string): string;
  /** A status label → its code, for rows whose code column is missing or empty; null if unknown. */
  paymentCodeFromLabel(label: string): string | null;
  fulfillmentCodeFromLabel(label: string): string | null;
}

export interface GroupingRule {
  /**
   * An order is the run of consecutive rows with its order number, one row per item. Its
   * order-level fields (date, customer, amounts, statuses): "every-row" repeats them on each row
   * and any difference rejects the order; "first-row" may leave them blank on later rows, and
   * only a different value that is not blank rejects it.
   */
  orderFields: "every-row" | "first-row";
}

export interface EcomExportFormat<Name extends string = string> {
  /** Reported on each batch and kept as the import's format. */
  name: Name;
  /** How messages name the export: `is not a ${label} order export`. */
  label: string;
  /** The export's full name, for the message about an unrecognised header row. */
  fullLabel: string;
  header: HeaderRule;
  /** Which header column feeds which field of the parsed order and its items. */
  columns: ColumnMapping;
  time: TimeRule;
  status: StatusRule;
  grouping: GroupingRule;
}

export interface EcomExportFormatSpec<Name extends string>
  extends Omit<EcomExportFormat<Name>, "fullLabel" | "header"> {
  /** Defaults to `label`. */
  fullLabel?: string;
  /** `required` defaults to the columns of the mapping's required fields. */
  header: Pick<HeaderRule, "signature"> & Partial<HeaderRule>;
}

/** A format descriptor, with the defaults every built-in format shares filled in. */
export function defineEcomExportFormat<const Name extends string>(
  spec: EcomExportFormatSpec<Name>,
): EcomExportFormat<Name> {
  const { label, header } = spec;
  return {
    ...spec,
    fullLabel: spec.fullLabel ?? label,
    header: {
      signature: header.signature,
      required: header.required ?? requiredColumns(spec.columns),
      describeMissing:
        header.describeMissing ??
        ((where, missing) =>
          `${where} is not a ${label} order export: missing column(s) ${missing}`),
    },
  };
}
