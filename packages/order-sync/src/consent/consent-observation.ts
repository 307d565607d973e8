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
  /**
   * The source's default rather than an answer (X-Series `do_not_email: false`): it replaces an
   * earlier answer of the same record (the flag was moved back) but says nothing on its own.
   */
  isDefault: boolean;
}

export const xseriesConsentSource = (customerId: string) => `xseries:${customerId}`;
export const ecomConsentSource = (orderNumber: string) => `ecom:${orderNumber}`;
