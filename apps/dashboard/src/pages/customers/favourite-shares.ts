// A customer's favourite categories or brands in one line: "Flower 62% · Edibles 21%".
import { formatShare } from "../../format/format-number";

export function favouriteSharesText(
  shares: ReadonlyArray<{ name: string; share: number }>,
): string {
  return shares.map((s) => `${s.name} ${formatShare(s.share, { digits: 0 })}`).join(" · ") || "—";
}
