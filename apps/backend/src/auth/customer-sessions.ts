// Customer sessions: opened by a verified one-time code, presented as a bearer token.
import { randomBytes } from "node:crypto";
import type { Database } from "@greenloop/db";
import { hashSecret } from "./secret-hash";

/** Session tokens carry this prefix, so a request tells them from staff tokens without a lookup. */
export const sessionTokenPrefix = "glc_";

export interface OpenedSession {
  sessionId: string;
  token: string;
  expiresAt: Date;
}

export async function openCustomerSession(
  db: Database,
  { email, ttlMs, now }: { email: string; ttlMs: number; now: Date },
): Promise<OpenedSession> {
  const token = `${sessionTokenPrefix}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const session = await db.prisma.customerSession.create({
    data: { tokenHash: hashSecret(token), email, expiresAt, createdAt: now, lastUsedAt: now },
    select: { id: true },
  });
  return { sessionId: session.id, token, expiresAt };
}

/** The live session a token opens, or undefined (unknown, expired or revoked). */
export async function findCustomerSession(
  db: Database,
  token: string,
  now: Date,
): Promise<{ sessionId: string; email: string } | undefined> {
  const session = await db.prisma.customerSession.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, email: true, expiresAt: true, revokedAt: true },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
  return { sessionId: session.id, email: session.email };
}

export async function revokeCustomerSession(
  db: Database,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db.prisma.customerSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
}
