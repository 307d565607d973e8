// The store's identity rules, built once from configuration: how contact fields become identifiers
// and when an identifier is too common to link anyone.
import {
  type CountryCode,
  createIdentifierBlocklist,
  defaultBlockedIdentifierRules,
  type IdentifiersOfContactOptions,
} from "@greenloop/order-sync/identity";
import { defaultMergeSettings, type MergeSettings } from "../env";

export interface MergeRules {
  contact: IdentifiersOfContactOptions;
  maxCustomersPerIdentifier: number;
}

export function createMergeRules(settings: MergeSettings = defaultMergeSettings): MergeRules {
  const defaultRegion = settings.phoneDefaultRegion as CountryCode;
  const blocklist = createIdentifierBlocklist(
    {
      emails: [...defaultBlockedIdentifierRules.emails, ...settings.blockedEmails],
      phones: [...defaultBlockedIdentifierRules.phones, ...settings.blockedPhones],
      storeEmails: settings.storeEmails,
      storePhones: settings.storePhones,
    },
    { defaultRegion },
  );
  return {
    contact: { defaultRegion, looseEmails: settings.looseEmails, blocklist },
    maxCustomersPerIdentifier: settings.maxCustomersPerIdentifier,
  };
}
