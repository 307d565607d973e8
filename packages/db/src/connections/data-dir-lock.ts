// PGlite is single-process: two processes on one data directory corrupt it. A lock file beside
// the directory (not inside it: PGlite owns its contents) makes the second opener fail fast.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { DomainError } from "@greenloop/order-sync/errors";

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  if (!tryCreateLockFile(lockPath)) {
    const holder = readLockHolder(lockPath);
    if (holder !== undefined && isProcessAlive(holder)) {
      throw new DomainError(
        "CONFLICT",
        `The embedded database in ${dataDir} is in use by another process (pid ${holder}${holder === process.pid ? ", this one" : ""}). ` +
          "PGlite allows one process at a time: stop the other one (for example `pnpm serve`), " +
          "or set DATABASE_URL to a PostgreSQL server to run several processes.",
        { details: { dataDir, lockPath, pid: holder } },
      );
    }
    // A lock left by a process that died: take it over.
    unlinkSync(lockPath);
    if (!tryCreateLockFile(lockPath)) {
      throw new DomainError(
        "CONFLICT",
        `Another process took the lock ${lockPath} at the same moment; try again.`,
      );
    }
  }
  let released = false;
  return {
    path: lockPath,
    release() {
      if (released) return;
      released = true;
      if (readLockHolder(lockPath) === process.pid) unlinkSync(lockPath);
    },
  };
}

function tryCreateLockFile(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLockHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
