// An export file read from disk once: counted, and hashed on the way unless the caller already knows
// its digest (an upload is hashed as it is received), so a large file is never read twice. The size
// and digest are the whole file's however the parse ends: what the parser did not pull (it stops
// at a record too long to read, or at a header it refuses) is read to the end then, not parsed.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { ImportFile } from "./import-ecom-orders";

export interface ExportFileStream {
  /** The file's bytes, for the parser. */
  chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
  /** For importEcomOrders: the size and digest, known up front or measured once the parse ends. */
  file: ImportFile;
  /** The whole file's size and digest; call once the parser is done with `chunks`. */
  measure(): Promise<{ bytes: number; sha256: string }>;
}

export function streamExportFile(
  filePath: string,
  { name, known }: { name: string; known?: { sha256: string; bytes: number } },
): ExportFileStream {
  const hash = createHash("sha256");
  let bytes = 0;
  const chunks = (async function* () {
    for await (const chunk of createReadStream(filePath)) {
      const buffer = chunk as Buffer;
      if (!known) hash.update(buffer);
      bytes += buffer.length;
      yield buffer;
    }
  })();
  let measured: Promise<{ bytes: number; sha256: string }> | undefined;
  const measure = () => {
    measured ??= known
      ? Promise.resolve({ bytes: known.bytes, sha256: known.sha256 })
      : (async () => {
          // Ends the parser's read if it stopped early, then reads on from where it got to.
          await chunks.return(undefined);
          for await (const chunk of createReadStream(filePath, { start: bytes })) {
            hash.update(chunk as Buffer);
            bytes += (chunk as Buffer).length;
          }
          return { bytes, sha256: hash.digest("hex") };
        })();
    return measured;
  };
  return {
    chunks,
    bytesRead: () => bytes,
    file: known
      ? { name, sha256: known.sha256, bytes: known.bytes }
      : {
          name,
          sha256: async () => (await measure()).sha256,
          bytes: async () => (await measure()).bytes,
        },
    measure,
  };
}
