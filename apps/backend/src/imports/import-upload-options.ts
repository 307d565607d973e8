// How an upload carries its options. tRPC's binary input (`octetInputParser`) is the request body
// and nothing else, and its FormData input is parsed with `Request.formData()`, which holds the
// whole file in memory. So the body is the file, optionally preceded by one line of options in
// query-string form: `?format=ecwid&dryRun=true&fileName=orders.csv\n` (no export starts with "?").
import { type EcomExportFormatChoice, ecomExportFormatChoices } from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";
import { z } from "zod";

/** The options line, "?" to "\n" included, is at most this long. */
export const MAX_OPTIONS_LINE_BYTES = 4_096;

export interface ImportUploadOptions {
  format: EcomExportFormatChoice;
  dryRun: boolean;
  /** Shown in ImportRun.fileName and in error messages; never used as a path. */
  fileName: string;
}

export const DEFAULT_UPLOAD_FILE_NAME = "upload.csv";

const fileNameSchema = z
  .string()
  .transform((name) => (name.split(/[/\\]/).at(-1) ?? "").trim())
  .pipe(
    z
      .string()
      .min(1, "must name a file")
      .max(255, "must be at most 255 characters")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "must not hold control characters"),
  );

const optionsSchema = z.strictObject({
  format: z.enum(ecomExportFormatChoices).default("auto"),
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  fileName: fileNameSchema.default(DEFAULT_UPLOAD_FILE_NAME),
});

/** The options line's text (without "?" and "\n"), read as a query string. */
export function parseUploadOptions(query: string): ImportUploadOptions {
  const params = new URLSearchParams(query);
  const keys = [...params.keys()];
  const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
  if (repeated.length > 0) {
    throw new DomainError("BAD_INPUT", `Upload option given twice: ${repeated.join(", ")}.`);
  }
  const parsed = optionsSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown option(s) ${issue.keys.join(", ")} (known: format, dryRun, fileName)`
        : `${issue.path.join(".")} ${issue.message}`,
    );
    throw new DomainError("BAD_INPUT", `Invalid upload options: ${problems.join("; ")}.`);
  }
  return parsed.data;
}

/** The options line a client puts before the file (what `parseUploadOptions` reads back). */
export function uploadOptionsLine(options: Partial<ImportUploadOptions>): string {
  const params = new URLSearchParams();
  if (options.format !== undefined) params.set("format", options.format);
  if (options.dryRun !== undefined) params.set("dryRun", String(options.dryRun));
  if (options.fileName !== undefined) params.set("fileName", options.fileName);
  return `?${params.toString()}\n`;
}

/**
 * The body a client sends to `imports.start`: the options line, then the file. A Blob made of
 * parts does not copy the file, so a browser streams it from disk.
 */
export function importUploadBody(
  file: Blob | Uint8Array<ArrayBuffer>,
  options: Partial<ImportUploadOptions> = {},
): Blob {
  return new Blob([uploadOptionsLine(options), file]);
}
