// Secrets (session tokens, login codes) are stored only as sha256 digests: a leaked table row
// opens nothing.
import { createHash } from "node:crypto";

export function hashSecret(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000"), "utf8").digest("hex");
}
