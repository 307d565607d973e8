// Expected customer value over a horizon from the two CLV models. No published CDNOW value exists
// to test a discounted version against (anchors.md §4.3), so this is deliberately the plain,
// undiscounted expectation: E[repeat purchases in the horizon] × E[spend per purchase].
import { type BgNbdCustomer, type BgNbdParams, conditionalExpectedPurchases } from "./bg-nbd";
import { conditionalExpectedAverageSpend, type GammaGammaParams } from "./gamma-gamma";

export interface CustomerLifetimeValueInput {
  purchaseModel: BgNbdParams;
  spendModel: GammaGammaParams;
  /** The customer's summary; monetaryValue is the mean spend per repeat purchase. */
  customer: BgNbdCustomer & { monetaryValue: number };
  /** In the time unit the purchase model was fitted in (e.g. 90 or 365 for days). */
  horizon: number;
}

/**
 * Undiscounted expected spend over the next `horizon`, in the spend model's currency. Multiplying
 * the two expectations is exact under the Gamma-Gamma assumption that spend is independent of
 * the purchase process.
 */
export function customerLifetimeValue({
  purchaseModel,
  spendModel,
  customer,
  horizon,
}: CustomerLifetimeValueInput): number {
  const purchases = conditionalExpectedPurchases(purchaseModel, horizon, customer);
  return purchases * conditionalExpectedAverageSpend(spendModel, customer);
}
