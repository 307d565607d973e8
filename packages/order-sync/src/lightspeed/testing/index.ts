// Test support other packages may use: Lightspeed's own sample payloads.
export {
  documentedCustomerPayload,
  documentedSalePayload,
} from "./documented-webhook-payloads";
