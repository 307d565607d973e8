// A person's name for screens and exports. Names are never matched on: many people share one,
// and one person writes theirs several ways.
import { removeInvisibleCharacters } from "./placeholder-values";

/** `first last` when either is present, otherwise `full`; null when all are blank. */
export function displayName(
  first?: string | null,
  last?: string | null,
  full?: string | null,
): string | null {
  const joined = [cleanNamePart(first), cleanNamePart(last)]
    .filter((part) => part !== "")
    .join(" ");
  if (joined !== "") return joined;
  const fallback = cleanNamePart(full);
  return fallback === "" ? null : fallback;
}

// NFC only (not NFKC): it unifies composed and decomposed accents without rewriting characters a
// person chose. `\s` with the `u` flag also covers no-break and other Unicode spaces.
function cleanNamePart(part: string | null | undefined): string {
  if (part == null) return "";
  return removeInvisibleCharacters(part).normalize("NFC").replace(/\s+/gu, " ").trim();
}
