// When an active customer's next purchase is due, under the fitted BG/NBD model.
import { DomainError } from "../../errors/domain-error";
import type { BgNbdCustomer, BgNbdParams } from "./bg-nbd";

/**
 * The median time from the end of observation (T) to the customer's next purchase, given that
 * they are still active: the t with P(next purchase within t | alive, x, T) = 1/2.
 *
 * Derivation. In BG/NBD a customer drops out only right after a purchase, so an active customer
 * will buy again, after an exponential wait of rate λ (memoryless: the silence since their last
 * purchase does not shorten it). Conditioning on "alive at T" keeps the likelihood term
 * (1 − p)^x λ^x e^(−λT), which factors into p and λ, so given the history λ ~ Gamma(r + x, α + T)
 * (shape, rate), whatever t_x. Averaging e^(−λt) over that gamma gives
 *   P(no purchase within t | alive) = ((α + T) / (α + T + t))^(r + x)   (a Lomax law),
 * which is 1/2 at t = (α + T)(2^(1/(r+x)) − 1).
 *
 * Why the median and not the mean: the mean, (α + T)/(r + x − 1), does not exist for r + x ≤ 1
 * (a typical one-repeat customer with r ≈ 0.25) and is pulled out by the long tail; the median is
 * always finite and reads as "by this date, even odds they have ordered again".
 * Times are in the unit of the fit (α's unit), like every other BG/NBD figure.
 */
export function medianTimeToNextPurchase(
  params: BgNbdParams,
  customer: Pick<BgNbdCustomer, "frequency" | "T">,
): number {
  const { r, alpha } = params;
  const { frequency: x, T } = customer;
  if (![r, alpha].every((value) => Number.isFinite(value) && value > 0)) {
    throw new DomainError("BAD_INPUT", "BG/NBD parameters must be positive", {
      details: { r, alpha },
    });
  }
  if (!(Number.isInteger(x) && x >= 0 && Number.isFinite(T) && T >= 0)) {
    throw new DomainError("BAD_INPUT", "invalid BG/NBD customer summary", {
      details: { frequency: x, T },
    });
  }
  // expm1 keeps precision for heavy buyers, where 2^(1/(r+x)) is barely above 1.
  return (alpha + T) * Math.expm1(Math.LN2 / (r + x));
}
