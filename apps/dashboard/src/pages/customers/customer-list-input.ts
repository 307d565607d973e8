// The customer list's filters as the `customers.list` input.
import type { RouterInputs } from "@greenloop/app-client";
import type { ObjectInput } from "../../api/use-api";

type ListInput = ObjectInput<RouterInputs["customers"]["list"]>;
export type Sort = NonNullable<ListInput["sort"]>;
export type Direction = NonNullable<ListInput["direction"]>;

export const CUSTOMER_PAGE_SIZE = 25;

/** The list's input without empty filters (so equal filters share one cache entry). */
export function customerListInput(filters: {
  search: string;
  rfmSegment: string;
  tier: string;
  sort: Sort;
  direction: Direction;
}): Omit<ListInput, "cursor"> {
  const search = filters.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(filters.rfmSegment ? { rfmSegment: filters.rfmSegment } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    sort: filters.sort,
    direction: filters.direction,
    limit: CUSTOMER_PAGE_SIZE,
  };
}
