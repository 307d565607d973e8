import { writeFileSync } from "node:fs";
import path from "node:path";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../open-database";
import { testServerUrl, useTestCleanup } from "../testing";

const cleanup = useTestCleanup();

const tempDir = () => cleanup.tempDir();

async function openFailure(options: Parameters<typeof openDatabase>[0]): Promise<DomainError> {
  const error = await openDatabase(options).then(
    async (db) => {
      await db.close();
      throw new Error("expected openDatabase to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("openDatabase on PostgreSQL", () => {
  it("fails fast with the address but not the password when nothing listens", async () => {
    const error = await openFailure({ databaseUrl: "postgresql://shop:s3cret@127.0.0.1:1/shop" });
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toBe(
      "Cannot connect to PostgreSQL at postgresql://shop:***@127.0.0.1:1/shop: the connection was refused: " +
        "is PostgreSQL running and listening there?. Check DATABASE_URL.",
    );
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      "s3cret",
    );
  });

  it("rejects a DATABASE_URL that is not a postgres URL", async () => {
    expect((await openFailure({ databaseUrl: "not a url" })).message).toMatch(
      /DATABASE_URL is not a valid URL/,
    );
    const mysql = await openFailure({ databaseUrl: "mysql://root:pw@127.0.0.1/shop" });
    expect(mysql.code).toBe("CONFIG");
    expect(mysql.message).toBe(
      "DATABASE_URL must start with postgresql:// (got mysql://, in mysql://root:***@127.0.0.1/shop).",
    );
  });

  it.runIf(testServerUrl)("names a database that does not exist", async () => {
    const url = new URL(testServerUrl ?? "");
    url.pathname = "/gl_no_such_database";
    const error = await openFailure({ databaseUrl: url.toString() });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toContain("the database does not exist");
  });
});

describe("openDatabase on PGlite", () => {
  it("fails fast when the data directory cannot be created", async () => {
    const file = path.join(tempDir(), "a-file");
    writeFileSync(file, "");
    const error = await openFailure({ pgliteDir: path.join(file, "pglite") });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toMatch(
      /^The embedded database directory .*a-file\/pglite cannot be used: ENOTDIR/,
    );
    expect(error.message).toContain("Set PGLITE_DIR to a directory this user can write");
  });

  it("refuses a second opener of the same data directory until the first closes", async () => {
    const dir = path.join(tempDir(), "pglite");
    const first = await openDatabase({ pgliteDir: dir });
    const error = await openFailure({ pgliteDir: dir });
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(`is in use by another process (pid ${process.pid}, this one)`);
    await first.close();
    const again = await openDatabase({ pgliteDir: dir });
    await again.close();
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = path.join(tempDir(), "pglite");
    writeFileSync(`${dir}.lock`, "2147483646");
    const db = await openDatabase({ pgliteDir: dir });
    await db.close();
  });
});
