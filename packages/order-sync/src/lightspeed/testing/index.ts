// Test support other packages may use: Lightspeed's own sample payloads, and records of the
// date-versioned API shaped as its docs describe them.
export { buildDatedCustomer, buildDatedEcomSale, buildDatedSale } from "./dated-fixtures";
export {
  documentedCustomerPayload,
  documentedSalePayload,
} from "./documented-webhook-payloads";
