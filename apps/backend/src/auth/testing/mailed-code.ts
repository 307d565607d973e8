// Test support: the one-time sign-in code a customer was mailed, read from the captured transport.
import type { CapturedMail } from "../../mail/testing/captured-mail";

/** The six digits of the last code mailed to `email` (spelled as it was sent: normalized). */
export function mailedCode(mail: CapturedMail, email: string): string {
  const match = /\b(\d{6})\b/.exec(mail.lastTo(email)?.text ?? "");
  if (!match?.[1]) throw new Error(`no code was mailed to ${email}`);
  return match[1];
}
