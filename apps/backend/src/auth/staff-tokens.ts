// Staff API tokens from config (API_TOKENS): `name:role:token`, comma-separated. The dashboard and
// operators' scripts present one as a bearer token; the role decides what it may do.
import { createHash, timingSafeEqual } from "node:crypto";

export const staffRoles = ["viewer", "operator"] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffToken {
  /** Shown in logs and audit rows (who ran an erasure); never the token itself. */
  name: string;
  role: StaffRole;
  /** sha256 of the token: the token itself is not kept in memory longer than parsing. */
  digest: Buffer;
}

/** Long enough that guessing is hopeless (e.g. `openssl rand -hex 24` gives 48 characters). */
export const minStaffTokenLength = 24;

export type StaffTokenParse = { ok: true; tokens: StaffToken[] } | { ok: false; message: string };

export function parseStaffTokens(text: string | undefined): StaffTokenParse {
  const tokens: StaffToken[] = [];
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    // The token may itself contain ':' (base64); name and role never do.
    const [name, role, ...rest] = entry.split(":");
    const token = rest.join(":");
    const where = `entry ${index + 1}${name ? ` (${name})` : ""}`;
    if (!name || !role || !token) {
      return { ok: false, message: `${where} must be name:role:token` };
    }
    if (!staffRoles.includes(role as StaffRole)) {
      return { ok: false, message: `${where} has role "${role}"; roles are viewer, operator` };
    }
    if (token.length < minStaffTokenLength) {
      return {
        ok: false,
        message: `${where} has a token shorter than ${minStaffTokenLength} characters`,
      };
    }
    if (tokens.some((existing) => existing.name === name)) {
      return { ok: false, message: `${where} repeats the name "${name}"` };
    }
    tokens.push({ name, role: role as StaffRole, digest: digestOf(token) });
  }
  return { ok: true, tokens };
}

/** The configured token equal to `presented`, compared in constant time over digests. */
export function matchStaffToken(tokens: StaffToken[], presented: string): StaffToken | undefined {
  const digest = digestOf(presented);
  let found: StaffToken | undefined;
  // Compare against every token, so the time taken says nothing about which one matched.
  for (const token of tokens) {
    if (timingSafeEqual(token.digest, digest)) found = token;
  }
  return found;
}

function digestOf(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
