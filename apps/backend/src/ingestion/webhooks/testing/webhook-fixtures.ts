// Test support: webhook bodies on the wire as Lightspeed (and our simulator) send them, signed:
// `payload` and `domain_prefix`; a `type` field only when a test asks for one (not documented).
import { signWebhookBody } from "@greenloop/lightspeed-simulator";

export function webhookBody(options: {
  payload: Record<string, unknown> | string;
  /** An undocumented `type` field; none by default, as Lightspeed sends. */
  type?: string | null;
  domainPrefix?: string;
}): string {
  const form = new URLSearchParams();
  if (options.type) form.set("type", options.type);
  form.set("domain_prefix", options.domainPrefix ?? "greenloopdemo");
  form.set(
    "payload",
    typeof options.payload === "string" ? options.payload : JSON.stringify(options.payload),
  );
  return form.toString();
}

export const formHeaders = { "content-type": "application/x-www-form-urlencoded" };

export function signedHeaders(body: string, secret: string): Record<string, string> {
  return { ...formHeaders, "x-signature": signWebhookBody(body, secret, "hex") };
}
