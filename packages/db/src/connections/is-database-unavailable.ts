// Whether an error means the database cannot be reached now (down, restarting, closed, out of
// connections), as opposed to a bug or a bad query: the caller then answers "unavailable, retry"
// rather than "internal error". Errors arrive from Prisma (its codes, or a driver adapter's error
// kind), from pg (SQLSTATE codes, socket errno) and from PGlite, often wrapped: the whole cause
// chain is looked at.

/** Prisma: can't reach the server, timed out, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** @prisma/driver-adapter-utils error kinds. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/** PostgreSQL SQLSTATEs: shutdown, crash, starting up, too many connections (class 08 below). */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Socket errors on the way to the server. */
const ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

const MESSAGES =
  /PGlite is closed|Connection terminated|not queryable|Can't reach database server|timeout exceeded when trying to connect|Cannot use a pool after calling end|the database system is (?:shutting down|starting up|in recovery mode)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    const { code, originalCode, kind, message } = current as Record<string, unknown>;
    for (const value of [code, originalCode]) {
      if (typeof value !== "string") continue;
      if (PRISMA_CODES.has(value) || SQLSTATES.has(value) || ERRNOS.has(value)) return true;
      // Class 08: connection exception (08000, 08003, 08006…).
      if (/^08[0-9A-Z]{3}$/.test(value)) return true;
    }
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
