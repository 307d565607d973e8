// The eCom export options shared by `import-ecom` and `report reconcile`: the export file,
// --format and --mapping, read the same way by both.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import {
  type ColumnMapping,
  type EcomExportFormatChoice,
  ecomExportFormatChoices,
  parseColumnMapping,
} from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";

/** `--format auto|ecwid|…`, for the commands' usage lines. */
export const exportFormatUsage = `--format ${ecomExportFormatChoices.join("|")}`;

export function parseExportFormat(value: string | boolean | undefined): EcomExportFormatChoice {
  if (value === undefined) return "auto";
  if (typeof value === "string" && (ecomExportFormatChoices as readonly string[]).includes(value)) {
    return value as EcomExportFormatChoice;
  }
  throw new DomainError(
    "BAD_INPUT",
    `--format must be one of ${ecomExportFormatChoices.join(", ")} (got ${JSON.stringify(value)}).`,
  );
}

/** --mapping: inline JSON, or the path of a JSON file relative to where the CLI was started. */
export async function readExportMapping(
  value: string,
  invocationDir: string,
): Promise<ColumnMapping> {
  let text = value;
  if (!value.trimStart().startsWith("{")) {
    const mappingPath = path.resolve(invocationDir, value);
    try {
      text = await readFile(mappingPath, "utf8");
    } catch (cause) {
      throw new DomainError("BAD_INPUT", `Cannot read the --mapping file ${mappingPath}.`, {
        cause,
      });
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new DomainError("BAD_INPUT", `--mapping is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseColumnMapping(parsed);
}

/** The size of the file at `filePath`; BAD_INPUT naming it when it is missing or not a file. */
export async function readableFileSize(filePath: string): Promise<number> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(filePath);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new DomainError(
      "BAD_INPUT",
      missing
        ? `File not found: ${filePath}`
        : `Cannot read ${filePath}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (!stats.isFile()) throw new DomainError("BAD_INPUT", `Not a file: ${filePath}`);
  return stats.size;
}
