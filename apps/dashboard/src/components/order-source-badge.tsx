// Where an order came from, as the merge sees it: an in-store sale, an online order that reached
// X-Series, or one that has not (yet).
import { Badge, type BadgeTone } from "./ui";

export type OrderSource = "retail" | "ecom_synced" | "ecom_unsynced";

const sources: Record<OrderSource, { label: string; tone: BadgeTone; title: string }> = {
  retail: { label: "retail", tone: "info", title: "An in-store sale in X-Series" },
  ecom_synced: {
    label: "ecom synced",
    tone: "good",
    title: "An online order that has reached X-Series (counted once)",
  },
  ecom_unsynced: {
    label: "ecom unsynced",
    tone: "warn",
    title: "An online order from the eCom export, not in X-Series yet",
  },
};

export function OrderSourceBadge({ source }: { source: OrderSource }) {
  const { label, tone, title } = sources[source];
  return (
    <Badge tone={tone} title={title} testId={`source-${source}`}>
      {label}
    </Badge>
  );
}
