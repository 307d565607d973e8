// The body `imports.start` takes (tRPC binary input): one options line in query-string form,
// "?format=ecwid&dryRun=true&fileName=orders.csv\n", then the file itself. A Blob built from
// parts does not copy the file: the browser streams it from disk.
import type { EcomExportFormatChoice } from "@greenloop/order-sync/csv/format-names";

export interface UploadOptions {
  format: EcomExportFormatChoice;
  dryRun: boolean;
  fileName: string;
}

/** The options line; the file name is reduced to its last path segment, as the server does. */
export function uploadOptionsLine({ format, dryRun, fileName }: UploadOptions): string {
  const params = new URLSearchParams();
  params.set("format", format);
  params.set("dryRun", String(dryRun));
  const baseName = fileName.split(/[/\\]/).at(-1)?.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the server refuses them; so do we
  const safeName = baseName?.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255);
  if (safeName) params.set("fileName", safeName);
  return `?${params.toString()}\n`;
}

export function importUploadBody(file: Blob, options: UploadOptions): Blob {
  return new Blob([uploadOptionsLine(options), file], { type: "application/octet-stream" });
}
