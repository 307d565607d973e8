// Test support: webhook bodies on the wire as Lightspeed (and our simulator) send them, signed.
import { signWebhookBody } from "@greenloop/lightspeed-simulator";

export function webhookBody(options: {
  payload: Record<string, unknown> | string;
  type?: string | null;
  domainPrefix?: string;
}): string {
  const form = new URLSearchParams();
  if (options.type !== null) form.set("type", options.type ?? "sale.update");
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
