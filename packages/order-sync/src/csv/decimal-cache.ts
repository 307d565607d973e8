// Prices, quantities and zero amounts repeat from order to order: one (immutable) Decimal per
// distinct text, instead of a new one per cell, halves the objects a batch keeps.
import { Decimal } from "decimal.js";
import { detachString } from "./detach-string";

/** A Decimal reader that hands out the same Decimal for the same text (up to 10,000 texts). */
export function createDecimalCache(): (text: string) => Decimal {
  const decimals = new Map<string, Decimal>();
  return (text) => {
    let parsed = decimals.get(text);
    if (parsed === undefined) {
      parsed = new Decimal(text);
      if (decimals.size >= 10_000) decimals.clear();
      decimals.set(detachString(text), parsed);
    }
    return parsed;
  };
}
