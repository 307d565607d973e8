// The segment push's wording, kept out of the components so it can be tested in node.
import { formatCount } from "../../format/format-number";

/** "1 customer", "12 customers". */
export function customersWord(count: number, locale?: string): string {
  return `${formatCount(count, locale)} customer${count === 1 ? "" : "s"}`;
}

/** "3 records, from All Customers (2) and Silver (1)"; "" when nothing moves. */
export function groupMovesText(
  records: number,
  fromGroups: Readonly<Record<string, number>>,
  locale?: string,
): string {
  if (records === 0) return "";
  const from = Object.entries(fromGroups)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, count]) => `${name} (${formatCount(count, locale)})`);
  const list =
    from.length <= 1 ? (from[0] ?? "") : `${from.slice(0, -1).join(", ")} and ${from.at(-1)}`;
  return `${formatCount(records, locale)} record${records === 1 ? "" : "s"}, from ${list}`;
}

type LeftAlone = Readonly<
  Record<"moved-since" | "no-previous-group" | "deleted" | "failed", number>
>;

/** What an undo did: how many records it put back, how many it left alone and why. */
export function undoResultText(
  result: { undone: number; leftAlone: LeftAlone; stopped: string | null },
  locale?: string,
): string {
  return [
    `Put ${formatCount(result.undone, locale)} X-Series customer record(s) back in their previous group.`,
    leftAloneText(result.leftAlone, locale),
    result.stopped ? `Stopped early: ${result.stopped}` : "",
  ]
    .filter((part) => part !== "")
    .join(" ");
}

/** Why an undo left customers where they are, or "" when it left none. */
export function leftAloneText(leftAlone: LeftAlone, locale?: string): string {
  const reasons: Array<[number, string]> = [
    [leftAlone["moved-since"], "moved to another group since the push"],
    [leftAlone["no-previous-group"], "had no group before the push"],
    [leftAlone.deleted, "deleted in X-Series since"],
    [leftAlone.failed, "refused by X-Series"],
  ];
  const parts = reasons
    .filter(([count]) => count > 0)
    .map(([count, why]) => `${formatCount(count, locale)} ${why}`);
  if (parts.length === 0) return "";
  const total = reasons.reduce((sum, [count]) => sum + count, 0);
  return `Left ${formatCount(total, locale)} alone: ${parts.join("; ")}.`;
}
