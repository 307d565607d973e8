// The operator's pin of an email or phone to a customer, from the values as typed.
import type { Database } from "@greenloop/db";
import type { Identifier } from "@greenloop/order-sync/identity";
import type { MergeRules } from "../merge/merge-rules";
import { pinIdentifier } from "../merge/split-customer";
import { type ContactQuery, contactIdentifierOf } from "./contact-identifier";

export async function pinContact(
  db: Pick<Database, "prisma">,
  input: ContactQuery & { customerId: string; reason?: string | undefined },
  rules: MergeRules,
): Promise<{ customerId: string; identifier: Identifier; records: string[] }> {
  const identifier = contactIdentifierOf(input, rules.contact.defaultRegion);
  return await pinIdentifier(
    db,
    {
      customerId: input.customerId,
      identifier,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    },
    rules,
  );
}
