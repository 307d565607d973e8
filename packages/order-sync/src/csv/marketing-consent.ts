// The export's answer to the checkout's marketing question: E-Series writes `true`/`false`
// (`accept_marketing`), Shopify-style exports `yes`/`no` (`Accepts Marketing`). A blank cell is no
// answer (unknown), never a no.
const ANSWERS = new Map([
  ["true", true],
  ["yes", true],
  ["false", false],
  ["no", false],
]);

/** How a message names the answers a cell may hold. */
export const marketingAnswers = "true, false, yes or no";

/** true or false for an answer, null for a blank cell or no column, undefined for anything else. */
export function readMarketingConsent(text: string | null): boolean | null | undefined {
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return ANSWERS.get(trimmed.toLowerCase());
}
