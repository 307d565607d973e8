// `@greenloop/order-sync/consent`: consent to marketing as the sources carry it (X-Series customers'
// flags, eCom orders' marketing answers), as observations with their source and time.
export {
  type ConsentChannel,
  type ConsentObservation,
  type ConsentStatus,
  ecomConsentSource,
  xseriesConsentSource,
} from "./consent-observation";
export { consentOfEcomOrder } from "./ecom-order-consent";
export { consentOfRetailCustomer } from "./retail-customer-consent";
