import { gmailDomains, yahooDomains } from "./email-providers";
import { isPlaceholderValue, removeInvisibleCharacters } from "./placeholder-values";

// Characters that cannot appear in a plain address (they belong to quoting, lists or headers).
// Rejecting them also keeps the function idempotent: no output can start another strip round.
const forbiddenCharacters = /[\s<>()[\],;:"\\]/u;

/**
 * Lower-cases the whole address, although RFC 5321 lets the local part be case-sensitive: no
 * provider customers use relies on that, and "Jane@…" and "jane@…" are one person in store data.
 * NFKC folds full-width input (IME keyboards) into the ASCII it looks like.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (raw == null || isPlaceholderValue(raw)) return null;
  let value = removeInvisibleCharacters(raw).normalize("NFKC").toLowerCase().normalize("NFKC");
  value = unwrapAngleBrackets(value.trim());
  if (value.startsWith("mailto:")) {
    // A mailto link may carry headers after "?" (subject, cc) that are not part of the address.
    value = unwrapAngleBrackets(value.slice("mailto:".length).split("?")[0] ?? "");
  }
  // A trailing dot is sentence punctuation pasted with the address, not part of the domain.
  value = value.replace(/\.+$/u, "");
  return isPlausibleEmail(value) ? value : null;
}

/**
 * A weaker key that lets spellings of one mailbox meet (`j.doe+shop@gmail.com` and
 * `jdoe@googlemail.com`). It never replaces the exact email: different people can share a loose
 * key on providers whose rules we only approximate, so it is matched as separate evidence.
 * Expects the output of `normalizeEmail`.
 */
export function looseEmailKey(normalized: string): string {
  const at = normalized.lastIndexOf("@");
  if (at < 0) return normalized;
  let local = normalized.slice(0, at);
  let domain = normalized.slice(at + 1);
  if (gmailDomains.has(domain)) {
    domain = "gmail.com";
    local = withoutSuffix(local, "+").replaceAll(".", "");
  } else if (yahooDomains.has(domain)) {
    // Cut at the first hyphen, not the last (validator.js cuts the last): the key must be stable
    // when applied twice, and Yahoo base names have no hyphen anyway.
    local = withoutSuffix(local, "-");
  } else {
    // Outlook, iCloud and most other servers deliver `name+tag@` to `name@`.
    local = withoutSuffix(local, "+");
  }
  // An address that is nothing but a tag keeps its local part rather than collapsing to "".
  return local === "" ? normalized : `${local}@${domain}`;
}

function withoutSuffix(local: string, separator: string): string {
  const index = local.indexOf(separator);
  return index < 0 ? local : local.slice(0, index);
}

// Accepts `<a@b.com>` and `Jane Doe <a@b.com>` (header style), returning the address inside.
function unwrapAngleBrackets(value: string): string {
  const match = /^[^<>@]*<([^<>]*)>$/u.exec(value);
  return match?.[1] === undefined ? value : match[1].trim();
}

function isPlausibleEmail(value: string): boolean {
  if (forbiddenCharacters.test(value)) return false;
  const parts = value.split("@");
  if (parts.length !== 2) return false;
  const [local = "", domain = ""] = parts;
  if (local === "") return false;
  const labels = domain.split(".");
  const topLevel = labels.at(-1) ?? "";
  return labels.length >= 2 && labels.every((label) => label !== "") && topLevel.length >= 2;
}
