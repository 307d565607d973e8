// Who buys and what: random baskets, and the buyer of an online order (an existing customer with a
// real email most of the time, otherwise a first-time online buyer).

import type { EcomBuyer } from "./ecom-order-factory";
import type { FakePeople } from "./fake-people";
import type { Customer, EcomFulfillment, Product } from "./resource-types";
import type { SeededRandom } from "./seeded-random";

export interface SaleLineRequest {
  product_id?: string;
  quantity?: number;
  price?: number;
}

export interface EcomBuyerRequest {
  email?: string;
  firstName?: string;
  lastName?: string;
  phoneDigits?: string | null;
  fulfillment?: EcomFulfillment;
}

/** 1–4 lines, mostly single units, as a small dispensary basket looks. */
export function pickRandomLines(
  random: SeededRandom,
  products: readonly Product[],
): SaleLineRequest[] {
  const count = random.weighted([
    { weight: 50, value: 1 },
    { weight: 28, value: 2 },
    { weight: 14, value: 3 },
    { weight: 8, value: 4 },
  ]);
  return Array.from({ length: count }, () => ({
    product_id: random.pick(products).id,
    quantity: random.chance(0.8) ? 1 : random.int(2, 3),
  }));
}

export function resolveEcomBuyer(options: {
  random: SeededRandom;
  input: EcomBuyerRequest;
  people: FakePeople;
  customers: readonly Customer[];
  placeholderEmail: string;
}): EcomBuyer {
  const { random, input } = options;
  const person = options.people.next();
  if (input.email) {
    return {
      firstName: input.firstName ?? person.firstName,
      lastName: input.lastName ?? person.lastName,
      email: input.email.toLowerCase(),
      phoneDigits: input.phoneDigits === undefined ? person.phoneDigits : input.phoneDigits,
      address: person.address,
    };
  }
  const known = options.customers.filter(
    (c) => c.deleted_at === null && c.email && c.email !== options.placeholderEmail,
  );
  if (known.length > 0 && random.chance(0.7)) {
    const customer = random.pick(known);
    return {
      firstName: customer.first_name ?? person.firstName,
      lastName: customer.last_name ?? person.lastName,
      email: (customer.email ?? person.email).toLowerCase(),
      phoneDigits: digitsOf(customer.mobile ?? customer.phone) ?? person.phoneDigits,
      address: person.address,
    };
  }
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phoneDigits: random.chance(0.8) ? person.phoneDigits : null,
    address: person.address,
  };
}

function digitsOf(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 10 ? digits.slice(-10) : null;
}
