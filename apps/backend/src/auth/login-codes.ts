// Customers prove who they are with a one-time code mailed to their email: six digits, valid for
// LOGIN_CODE_TTL, single use, five guesses, LOGIN_CODES_PER_HOUR codes per email per hour. Only
// the latest code of an email is live, so guesses never spread across several codes.
import { randomInt } from "node:crypto";
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { normalizeEmail } from "@greenloop/order-sync/identity";
import type { MailTransport } from "../mail/mail-transport";
import { type OpenedSession, openCustomerSession } from "./customer-sessions";
import { hashSecret } from "./secret-hash";

export interface LoginSettings {
  loginCodeTtlMs: number;
  loginCodesPerHour: number;
  customerSessionTtlMs: number;
}

/** Wrong guesses a code survives; the code is dead after this many. */
export const maxCodeAttempts = 5;
const hourMs = 3_600_000;

export async function requestLoginCode(
  db: Database,
  mail: MailTransport,
  { email: rawEmail, now, settings }: { email: string; now: Date; settings: LoginSettings },
): Promise<{ expiresAt: Date }> {
  const email = emailOrThrow(rawEmail);
  const recent = await db.prisma.loginCode.findMany({
    where: { email, createdAt: { gt: new Date(now.getTime() - hourMs) } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  if (recent.length >= settings.loginCodesPerHour) {
    const oldest = recent[0]?.createdAt ?? now;
    throw new DomainError(
      "RATE_LIMITED",
      `Too many codes were requested for this email: try again after ${new Date(oldest.getTime() + hourMs).toISOString()}.`,
      { details: { retryAt: new Date(oldest.getTime() + hourMs).toISOString() } },
    );
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + settings.loginCodeTtlMs);
  await db.prisma.loginCode.create({
    data: { email, codeHash: hashSecret(email, code), expiresAt, createdAt: now },
    select: { id: true },
  });
  const minutes = Math.round(settings.loginCodeTtlMs / 60_000);
  await mail.send({
    to: email,
    subject: `Your GreenLoop sign-in code: ${code}`,
    text:
      `Your sign-in code is ${code}. It works once, for ${minutes} minutes.\n\n` +
      "If you did not ask for it, ignore this email: nobody can sign in without the code.",
  });
  return { expiresAt };
}

export async function verifyLoginCode(
  db: Database,
  {
    email: rawEmail,
    code,
    now,
    settings,
  }: { email: string; code: string; now: Date; settings: LoginSettings },
): Promise<OpenedSession & { email: string }> {
  const email = emailOrThrow(rawEmail);
  const latest = await db.prisma.loginCode.findFirst({
    where: { email },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, expiresAt: true, attempts: true, consumedAt: true },
  });
  if (!latest || latest.consumedAt || latest.expiresAt <= now) {
    throw new DomainError(
      "UNAUTHORIZED",
      "No valid code for this email (codes expire and work once): request a new one.",
    );
  }
  if (latest.attempts >= maxCodeAttempts) {
    throw new DomainError("RATE_LIMITED", "Too many wrong codes: request a new one.");
  }
  if (latest.codeHash !== hashSecret(email, code.trim())) {
    await db.prisma.loginCode.update({
      where: { id: latest.id },
      data: { attempts: { increment: 1 } },
      select: { id: true },
    });
    throw new DomainError("UNAUTHORIZED", "Wrong code.");
  }
  // Conditional: of two concurrent verifications of one code, only one opens a session.
  const consumed = await db.prisma.loginCode.updateMany({
    where: { id: latest.id, consumedAt: null },
    data: { consumedAt: now },
  });
  if (consumed.count !== 1) {
    throw new DomainError("UNAUTHORIZED", "This code was already used: request a new one.");
  }
  const session = await openCustomerSession(db, {
    email,
    ttlMs: settings.customerSessionTtlMs,
    now,
  });
  return { ...session, email };
}

function emailOrThrow(raw: string): string {
  const email = normalizeEmail(raw);
  if (!email) throw new DomainError("BAD_INPUT", "That is not an email address.");
  return email;
}
