// The Authorization header → who is calling. A header that is present but wrong is refused
// outright (UNAUTHORIZED), never treated as anonymous.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Caller } from "./access";
import { findCustomerSession, sessionTokenPrefix } from "./customer-sessions";
import { matchStaffToken, type StaffToken } from "./staff-tokens";

export async function resolveCaller(
  db: Database,
  {
    authorization,
    staffTokens,
    now,
  }: { authorization: string | undefined; staffTokens: StaffToken[]; now: Date },
): Promise<Caller | null> {
  if (authorization === undefined || authorization.trim() === "") return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) {
    throw new DomainError("UNAUTHORIZED", "The Authorization header must be: Bearer <token>.");
  }
  const token = match[1];
  if (token.startsWith(sessionTokenPrefix)) {
    const session = await findCustomerSession(db, token, now);
    if (!session) {
      throw new DomainError(
        "UNAUTHORIZED",
        "This session has expired or was signed out: sign in again with an email code.",
      );
    }
    return { kind: "customer", sessionId: session.sessionId, email: session.email };
  }
  const staff = matchStaffToken(staffTokens, token);
  if (!staff) throw new DomainError("UNAUTHORIZED", "Unknown API token.");
  return { kind: "staff", name: staff.name, role: staff.role };
}
