// A stored webhook body as staff may see it: the form's fields and its payload, with every email
// and phone number masked by the same rules that mask rejected import rows. The body of an erased
// person's delivery was already replaced (`[erased]`) and is shown as it is.
import { redactIssueMessage } from "../imports/redact-issue-message";

export interface RedactedWebhookBody {
  /** Form fields other than the payload (domain_prefix, type, …), masked. */
  fields: Record<string, string>;
  /** The payload (indented when it is JSON), masked; null when the body has none. */
  payload: string | null;
  /** The body as stored (masked) when it is not a form with a payload. */
  raw: string | null;
}

/** One text value: the phone rule looks at quoted values, so the value is quoted for it. */
function maskValue(value: string): string {
  return redactIssueMessage(`"${value}"`).slice(1, -1);
}

function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

export function redactWebhookPayload(rawBody: string): RedactedWebhookBody {
  const form = new URLSearchParams(rawBody);
  const payloadText = form.get("payload");
  if (payloadText === null) return { fields: {}, payload: null, raw: redactIssueMessage(rawBody) };
  const fields: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key !== "payload") fields[key] = maskValue(value);
  }
  const json = prettyJson(payloadText);
  // In JSON every text value is quoted, which is where the phone rule looks.
  return {
    fields,
    payload: json === null ? maskValue(payloadText) : redactIssueMessage(json),
    raw: null,
  };
}
