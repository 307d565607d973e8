// A stored webhook body as staff may see it: the form's fields and its payload object, with every
// email and phone number masked by the same rules that mask rejected import rows. The body of an
// erased person's delivery was already replaced (`[erased]`) and is shown as it is.
import { redactIssueMessage } from "../imports/redact-issue-message";

export interface RedactedWebhookBody {
  /** Form fields other than the payload (domain_prefix, type, …), masked. */
  fields: Record<string, string>;
  /** The payload as indented JSON with emails and phones masked; null when the body has none. */
  payload: string | null;
  /** The body as stored (masked) when it is not a form with a JSON payload. */
  raw: string | null;
}

export function redactWebhookPayload(rawBody: string): RedactedWebhookBody {
  const form = new URLSearchParams(rawBody);
  const payloadText = form.get("payload");
  let payload: unknown;
  try {
    payload = payloadText === null ? undefined : JSON.parse(payloadText);
  } catch {
    payload = undefined;
  }
  if (payload === undefined) return { fields: {}, payload: null, raw: redactIssueMessage(rawBody) };
  const fields: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key !== "payload") fields[key] = redactIssueMessage(`"${value}"`).slice(1, -1);
  }
  // In JSON every text value is quoted, which is where the phone rule looks.
  return { fields, payload: redactIssueMessage(JSON.stringify(payload, null, 2)), raw: null };
}
