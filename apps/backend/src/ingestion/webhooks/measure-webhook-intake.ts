// Reports each webhook delivery's outcome and answer time (metrics/pipeline-events.ts). The route
// names why it refused a delivery where the status alone does not tell (a 401: secret or
// signature; a 503: not configured or inbox down), and whether it stored it or had it already.
import type { Context, Next } from "hono";
import { reportWebhookIntake, type WebhookRejectionReason } from "../../telemetry/pipeline-events";

export type WebhookIntakeVariables = {
  webhookRejection: WebhookRejectionReason | undefined;
  webhookStored: "accepted" | "duplicate" | undefined;
};

export async function measureWebhookIntake(
  c: Context<{ Variables: WebhookIntakeVariables }>,
  next: Next,
): Promise<void> {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  const stored = c.get("webhookStored");
  if (stored && c.res.status === 200) {
    reportWebhookIntake({ outcome: stored, seconds });
    return;
  }
  const reason = c.get("webhookRejection") ?? rejectionOfStatus(c.res.status);
  reportWebhookIntake({ outcome: "rejected", reason, seconds });
}

function rejectionOfStatus(status: number): WebhookRejectionReason {
  if (status === 400) return "malformed";
  if (status === 413) return "too_large";
  return "other";
}
