// `@greenloop/order-sync/merge`: pure rules that turn the sources (X-Series sales and customers,
// eCom orders) into one order per real order and one customer per person, with explanations.
export {
  buildCanonicalOrder,
  type CanonicalOrder,
  type CanonicalOrderStatus,
} from "./canonical-order";
export type {
  FlaggedIdentifier,
  FlagReason,
  IdentityLink,
  IdentityPin,
  IdentityRecord,
  IdentityResolution,
  LinkReason,
  ResolvedCustomer,
} from "./identity-record";
export type { EcomOrderFacts, RetailSaleFacts } from "./order-facts";
export {
  ecomOrderKey,
  groupOrderSources,
  type OrderKey,
  type OrderMatch,
  type OrderSources,
  orderKeyOfSale,
} from "./order-key";
export {
  defaultMaxCustomersPerIdentifier,
  type ResolveIdentitiesOptions,
  resolveIdentities,
} from "./resolve-identities";
