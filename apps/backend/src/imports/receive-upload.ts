// An uploaded eCom export, from the request body to a temp file: counted and hashed on the way,
// refused past the size limit (the temp file is then deleted). The file is never held in memory.
import { createHash } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "@greenloop/order-sync/errors";
import {
  type ImportUploadOptions,
  MAX_OPTIONS_LINE_BYTES,
  parseUploadOptions,
} from "./import-upload-options";

export interface ReceivedUpload {
  path: string;
  /** The file's size, the options line not included. */
  bytes: number;
  sha256: string;
  options: ImportUploadOptions;
  /** Deletes the temp file (and its directory); safe to call twice. */
  remove(): Promise<void>;
}

export interface ReceiveUploadOptions {
  /** Largest file accepted (the options line does not count). */
  maxBytes: number;
  /** Where the temp file goes (a fresh directory is made inside it). */
  tempDir: string;
}

const QUESTION_MARK = 0x3f;
const NEWLINE = 0x0a;

export async function receiveUpload(
  body: ReadableStream<Uint8Array>,
  { maxBytes, tempDir }: ReceiveUploadOptions,
): Promise<ReceivedUpload> {
  const reader = body.getReader();
  const dir = await mkdtemp(path.join(tempDir, "greenloop-upload-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const filePath = path.join(dir, "export.csv");
  const hash = createHash("sha256");
  let bytes = 0;
  // Until the first byte is seen: whether an options line comes first; then its bytes so far.
  let optionsLine: Uint8Array[] | null = null;
  let optionsBytes = 0;
  let options: ImportUploadOptions | null = null;
  try {
    const file = await open(filePath, "wx");
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let chunk = value;
        if (options === null) {
          if (chunk.length === 0) continue;
          if (optionsLine === null && chunk[0] !== QUESTION_MARK) {
            options = parseUploadOptions("");
          } else {
            optionsLine ??= [];
            const end = chunk.indexOf(NEWLINE);
            const head = end < 0 ? chunk : chunk.subarray(0, end);
            optionsBytes += head.length;
            if (optionsBytes > MAX_OPTIONS_LINE_BYTES) {
              throw new DomainError(
                "BAD_INPUT",
                `The upload's options line is longer than ${MAX_OPTIONS_LINE_BYTES} bytes.`,
              );
            }
            optionsLine.push(head);
            if (end < 0) continue;
            options = parseUploadOptions(optionsText(optionsLine));
            chunk = chunk.subarray(end + 1);
          }
        }
        if (chunk.length === 0) continue;
        bytes += chunk.length;
        if (bytes > maxBytes) {
          throw new DomainError(
            "TOO_LARGE",
            `The upload is larger than the ${formatLimit(maxBytes)} limit (IMPORT_MAX_MB).`,
          );
        }
        hash.update(chunk);
        for (let written = 0; written < chunk.length; ) {
          written += (await file.write(chunk, written)).bytesWritten;
        }
      }
    } finally {
      await file.close();
    }
    if (options === null && optionsLine !== null) {
      throw new DomainError("BAD_INPUT", "The upload's options line has no end (a newline).");
    }
    if (bytes === 0) throw new DomainError("BAD_INPUT", "The upload is empty: no file was sent.");
  } catch (error) {
    // Stop reading; what the client still sends is the HTTP server's to discard (after the
    // answer, so that the client reads it). Not cancel(): over HTTP that resets the connection.
    reader.releaseLock();
    await remove();
    throw error;
  }
  return {
    path: filePath,
    bytes,
    sha256: hash.digest("hex"),
    options: options ?? parseUploadOptions(""),
    remove,
  };
}

function optionsText(parts: Uint8Array[]): string {
  const text = Buffer.concat(parts).toString("utf8");
  return text.slice(1).replace(/\r$/, "");
}

function formatLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
