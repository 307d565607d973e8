// What one source record says about a person's consent to marketing: the channel, the answer, which
// record said it and when. Unknown is no observation: a source that says nothing adds nothing.

export type ConsentChannel = "email" | "sms";
export type ConsentStatus = "granted" | "denied";

export interface ConsentObservation {
  channel: ConsentChannel;
  status: ConsentStatus;
  /** `xseries:<customer id>` or `ecom:<order number>`. */
  source: string;
  /** The source's own time for it (X-Series updated_at, the eCom order's placed time). */
  observedAt: Date;
}

export const xseriesConsentSource = (customerId: string) => `xseries:${customerId}`;
export const ecomConsentSource = (orderNumber: string) => `ecom:${orderNumber}`;
