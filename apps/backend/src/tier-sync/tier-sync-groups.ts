// TIER_GROUPS (tier or `FirstTimeBuyer` → X-Series customer group id or name) resolved against the
// store's groups, so a typo fails the whole run up front instead of as one 422 per customer.
import { DomainError } from "@greenloop/order-sync/errors";
import type { CustomerGroup } from "@greenloop/order-sync/lightspeed";

/** The TIER_GROUPS key of the First Time Buyer group; it wins over the tier when it is set. */
export const firstTimeBuyerKey = "FirstTimeBuyer";

export interface TierGroupTargets {
  /** Lower-cased tier name → group id. */
  byTier: Map<string, string>;
  /** Group id for first-time buyers, when TIER_GROUPS maps `FirstTimeBuyer`. */
  firstTimeBuyer: string | undefined;
  /** Group id → its name (the id when it has none), for reports. */
  names: Map<string, string>;
}

export function resolveTierGroups(
  tierGroups: Readonly<Record<string, string>>,
  groups: readonly CustomerGroup[],
): TierGroupTargets {
  const live = groups.filter((group) => !group.deleted_at);
  const names = new Map(live.map((group) => [group.id, group.name?.trim() || group.id]));
  const byTier = new Map<string, string>();
  let firstTimeBuyer: string | undefined;
  for (const [key, value] of Object.entries(tierGroups)) {
    const groupId = findGroup(key, value.trim(), live);
    if (key.toLowerCase() === firstTimeBuyerKey.toLowerCase()) firstTimeBuyer = groupId;
    else byTier.set(key.toLowerCase(), groupId);
  }
  return { byTier, firstTimeBuyer, names };
}

/** An id, or else a name (exact but case-insensitive), naming exactly one live group. */
function findGroup(key: string, value: string, live: readonly CustomerGroup[]): string {
  const byId = live.find((group) => group.id === value);
  if (byId) return byId.id;
  const wanted = value.toLowerCase();
  const named = live.filter((group) => group.name?.trim().toLowerCase() === wanted);
  const [only] = named;
  if (only && named.length === 1) return only.id;
  const listed = live.map((group) => `"${group.name ?? ""}" (${group.id})`).join(", ");
  if (named.length > 1) {
    throw new DomainError(
      "CONFIG",
      `TIER_GROUPS maps ${key} to "${value}", a name ${named.length} X-Series customer groups share; ` +
        `use the group's id instead. The store's groups: ${listed || "none"}.`,
    );
  }
  throw new DomainError(
    "CONFIG",
    `TIER_GROUPS maps ${key} to "${value}", which is not an X-Series customer group (by id or name). ` +
      `The store's groups: ${listed || "none"}.`,
  );
}
