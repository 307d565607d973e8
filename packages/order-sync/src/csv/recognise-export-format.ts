// Picks the format descriptor a file is read with, from the caller's choice and the header row:
// a requested format, a column mapping, or the first format whose signature the header matches.
import { DomainError } from "../errors";
import type { ColumnMapping } from "./column-mapping";
import type { EcomCsvFormat } from "./ecom-order";
import { type EcomExportFormat, ecomExportFormats, mappingFormat } from "./formats";
import { joinWithOr } from "./join-with-or";
import { describeFile } from "./read-csv-header";
import { readHeaderRow } from "./split-header-line";

export interface ExportFormatChoice {
  /** A format's name, a descriptor, or "auto" (the default): recognised from the header row. */
  format?: "auto" | EcomCsvFormat | EcomExportFormat;
  /** Required when format is "mapping"; with "auto" a mapping wins over detection. */
  mapping?: ColumnMapping;
  /** Formats known besides the built-in ones; auto-detection tries them after those. */
  formats?: readonly EcomExportFormat[];
  /** For error messages only. */
  fileName?: string;
}

export interface RecognisedExport {
  format: EcomExportFormat;
  delimiter: ";" | "," | "\t";
  headers: string[];
}

export interface DetectedEcomCsvFormat {
  /** null when the header matches no known export. */
  format: Exclude<EcomCsvFormat, "mapping"> | null;
  delimiter: ";" | "," | "\t";
  headers: string[];
}

function detectFormat<Format extends EcomExportFormat>(
  headers: readonly string[],
  formats: readonly Format[],
): Format | undefined {
  const present = new Set(headers);
  return formats.find(
    ({ header }) =>
      header.signature.length > 0 && header.signature.every((name) => present.has(name)),
  );
}

/** Recognises a built-in export from its header line (a leading BOM and a trailing CR are ignored). */
export function detectEcomCsvFormat(headerLine: string): DetectedEcomCsvFormat {
  const { delimiter, headers } = readHeaderRow(headerLine);
  const format = detectFormat(headers, ecomExportFormats)?.name ?? null;
  return { format, delimiter, headers };
}

function unrecognisedHeader(
  where: string,
  formats: readonly EcomExportFormat[],
  headers: readonly string[],
): DomainError {
  const expected = formats
    .filter(({ header }) => header.signature.length > 0)
    .map((format) => `the ${format.fullLabel} columns (${format.header.signature.join(", ")})`);
  return new DomainError(
    "BAD_INPUT",
    `${where} is not a recognisable order export: line 1 should be a header row with ${joinWithOr(expected)}, separated by ";", "," or tab; otherwise pass a column mapping`,
    { details: { columnsOnLine1: headers.length } },
  );
}

function chooseFormat(
  choice: ExportFormatChoice,
  headers: readonly string[],
  where: string,
): EcomExportFormat {
  const requested = choice.format ?? "auto";
  if (typeof requested === "object") return requested;
  if (requested === "mapping" || (requested === "auto" && choice.mapping)) {
    if (!choice.mapping) {
      throw new DomainError("BAD_INPUT", 'format "mapping" needs a column mapping');
    }
    return mappingFormat(choice.mapping);
  }
  const known = [...ecomExportFormats, ...(choice.formats ?? [])];
  if (requested === "auto") {
    const detected = detectFormat(headers, known);
    if (detected === undefined) throw unrecognisedHeader(where, known, headers);
    return detected;
  }
  const named = known.find((format) => format.name === requested);
  if (named === undefined) {
    const names = ["auto", "mapping", ...known.map((format) => format.name)];
    throw new DomainError(
      "BAD_INPUT",
      `unknown export format "${requested}" (known: ${names.join(", ")})`,
    );
  }
  return named;
}

/**
 * The format a file is read with, and its header row. Throws DomainError BAD_INPUT when the header
 * matches no format, or lacks columns the chosen format needs.
 */
export function recogniseExportFormat(
  headerLine: string,
  choice: ExportFormatChoice,
): RecognisedExport {
  const where = describeFile(choice.fileName);
  const { delimiter, headers } = readHeaderRow(headerLine);
  const format = chooseFormat(choice, headers, where);
  const present = new Set(headers);
  const missing = format.header.required.filter((name) => !present.has(name));
  if (missing.length > 0) {
    const quoted = missing.map((name) => `"${name}"`).join(", ");
    throw new DomainError("BAD_INPUT", format.header.describeMissing(where, quoted), {
      details: { missing },
    });
  }
  return { format, delimiter, headers };
}
