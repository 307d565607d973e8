// `@greenloop/order-sync/identity`: pure normalization of the values customers are matched on
// (email, phone, Lightspeed customer id), the blocklist of placeholder values, and log masking.
export {
  type BlockedIdentifierRules,
  createIdentifierBlocklist,
  defaultBlockedIdentifierRules,
  type IdentifierBlocklist,
  type IdentifierBlocklistOptions,
} from "./blocked-identifiers";
export { displayName } from "./display-name";
export {
  compareIdentifiers,
  type Identifier,
  type IdentifierKind,
  identifierKey,
} from "./identifier-kind";
export { looseEmailKey, normalizeEmail } from "./normalize-email";
export { type CountryCode, normalizePhone } from "./normalize-phone";
export {
  type BlockedIdentifier,
  type ContactIdentifiers,
  type ContactIdentityFields,
  type IdentifiersOfContactOptions,
  identifiersOfContact,
  normalizeRetailCustomerId,
} from "./record-identifiers";
