import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { receiveUpload } from "./receive-upload";

const cleanup = useTestCleanup();

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "receive-upload-test-"));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A body arriving in the given pieces, as a request body does (in chunks of any size). */
function bodyOf(...pieces: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const chunks = pieces.map((piece) =>
    typeof piece === "string" ? new TextEncoder().encode(piece) : piece,
  );
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const csv = "order_number;email\n1001;jane@example.com\n";

describe("receiveUpload", () => {
  it("writes the body to a temp file with its size and sha256, and removes it on request", async () => {
    const dir = await tempDir();
    const upload = await receiveUpload(bodyOf(csv.slice(0, 7), csv.slice(7)), {
      maxBytes: 1_000,
      tempDir: dir,
    });
    expect(upload).toMatchObject({
      bytes: csv.length,
      sha256: sha256(csv),
      options: { format: "auto", dryRun: false, fileName: "upload.csv" },
    });
    expect(await readFile(upload.path, "utf8")).toBe(csv);
    await upload.remove();
    await upload.remove();
    expect(await readdir(dir)).toEqual([]);
  });

  it("reads an options line split across chunks, and hashes and counts only the file", async () => {
    const dir = await tempDir();
    const upload = await receiveUpload(
      bodyOf("?format=ec", "wid&dryRun=true&file", "Name=may.csv\r\norder_", csv.slice(6)),
      { maxBytes: csv.length, tempDir: dir },
    );
    expect(upload.options).toEqual({ format: "ecwid", dryRun: true, fileName: "may.csv" });
    expect(upload.bytes).toBe(csv.length);
    expect(upload.sha256).toBe(sha256(csv));
    expect(await readFile(upload.path, "utf8")).toBe(csv);
  });

  it("refuses a body over the limit with TOO_LARGE, stops reading it and deletes the temp file", async () => {
    const dir = await tempDir();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x41));
      },
    });
    await expect(
      receiveUpload(endless, { maxBytes: 1024 * 1024, tempDir: dir }),
    ).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringContaining("1 MB"),
    });
    expect(pulled).toBeLessThan(20);
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses an empty body, an unterminated or oversized options line, and bad options", async () => {
    const dir = await tempDir();
    const receive = (...pieces: string[]) =>
      receiveUpload(bodyOf(...pieces), { maxBytes: 1_000, tempDir: dir });
    await expect(receive()).rejects.toMatchObject({ code: "BAD_INPUT", message: /empty/ });
    await expect(receive("?dryRun=true\n")).rejects.toMatchObject({ message: /empty/ });
    await expect(receive("?dryRun=true")).rejects.toMatchObject({ message: /no end/ });
    await expect(receive(`?fileName=${"x".repeat(5_000)}\n${csv}`)).rejects.toMatchObject({
      message: /longer than 4096 bytes/,
    });
    await expect(receive(`?format=excel\n${csv}`)).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: /Invalid upload options/,
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
