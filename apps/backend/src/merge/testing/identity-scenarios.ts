// People the merge must join or keep apart, added to a simulated store: one person behind an
// email-only and a phone-only X-Series record, and a family behind one shared email.
import type { SimulatedStore } from "@greenloop/lightspeed-simulator";

type CustomerInput = NonNullable<Parameters<SimulatedStore["createCustomer"]>[0]>;
type Customer = ReturnType<SimulatedStore["createCustomer"]>;

/**
 * One person as two X-Series records, one with only their email and one with only their phone,
 * each with a sale: nothing joins them until an order carries both.
 */
export function addEmailOnlyAndPhoneOnly(
  store: SimulatedStore,
  person: CustomerInput & { email: string; mobile: string },
): { emailOnly: Customer; phoneOnly: Customer } {
  const { email, mobile, ...name } = person;
  const emailOnly = store.createCustomer({ ...name, email });
  const phoneOnly = store.createCustomer({ ...name, mobile });
  store.createSale({ customer_id: emailOnly.id });
  store.createSale({ customer_id: phoneOnly.id });
  return { emailOnly, phoneOnly };
}

/**
 * People who share one family email, each with their own phone: created in the order given, then
 * one sale each in the same order.
 */
export function addFamilyEmail<const Member extends string>(
  store: SimulatedStore,
  email: string,
  members: Record<Member, CustomerInput>,
): Record<Member, Customer> {
  const entries = Object.entries<CustomerInput>(members).map(
    ([member, input]) => [member, store.createCustomer({ ...input, email })] as const,
  );
  for (const [, customer] of entries) store.createSale({ customer_id: customer.id });
  return Object.fromEntries(entries) as Record<Member, Customer>;
}
