// An export file read from disk once: counted, and hashed on the way unless the caller already knows
// its digest (an upload is hashed as it is received), so a large file is never read twice.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { ImportFile } from "./import-ecom-orders";

export interface ExportFileStream {
  /** The file's bytes, for the parser. */
  chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
  /** For importEcomOrders: the size and digest, known up front or once the file is read. */
  file: ImportFile;
}

export function streamExportFile(
  filePath: string,
  { name, known }: { name: string; known?: { sha256: string; bytes: number } },
): ExportFileStream {
  const hash = known ? null : createHash("sha256");
  let bytes = 0;
  let digest: string | undefined;
  const chunks = async function* () {
    for await (const chunk of createReadStream(filePath)) {
      const buffer = chunk as Buffer;
      hash?.update(buffer);
      bytes += buffer.length;
      yield buffer;
    }
  };
  return {
    chunks: chunks(),
    bytesRead: () => bytes,
    file: known
      ? { name, sha256: known.sha256, bytes: known.bytes }
      : {
          name,
          sha256: () => {
            digest ??= hash?.digest("hex") ?? "";
            return digest;
          },
          bytes: () => bytes,
        },
  };
}
