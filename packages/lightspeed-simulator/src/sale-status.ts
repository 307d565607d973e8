// Legacy `status` → `state` + `attributes` (reference §5.3). The API returns both, so every sale
// the simulator serves derives one from the other and they can never disagree.
import type { SaleState, SaleStatus } from "./resource-types";

const mapping: Record<SaleStatus, { state: SaleState; attributes: string[] }> = {
  SAVED: { state: "parked", attributes: [] },
  VOIDED: { state: "voided", attributes: [] },
  CLOSED: { state: "closed", attributes: [] },
  ONACCOUNT: { state: "pending", attributes: ["onaccount"] },
  ONACCOUNT_CLOSED: { state: "closed", attributes: ["onaccount"] },
  LAYBY: { state: "pending", attributes: ["layby"] },
  LAYBY_CLOSED: { state: "closed", attributes: ["layby"] },
  AWAITING_DISPATCH: { state: "pending", attributes: ["delivery"] },
  DISPATCHED_CLOSED: { state: "closed", attributes: ["delivery"] },
  AWAITING_PICKUP: { state: "pending", attributes: ["pickup"] },
  PICKED_UP_CLOSED: { state: "closed", attributes: ["pickup"] },
  SERVICE: { state: "pending", attributes: ["service"] },
  SERVICE_CLOSED: { state: "closed", attributes: ["service"] },
};

export const saleStatuses = Object.keys(mapping) as SaleStatus[];

export function stateForStatus(status: SaleStatus): { state: SaleState; attributes: string[] } {
  const entry = mapping[status];
  return { state: entry.state, attributes: [...entry.attributes] };
}
