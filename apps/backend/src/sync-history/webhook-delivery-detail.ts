// One webhook delivery opened from the inbox: its redacted payload and every failed attempt.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { isRetryableFailure } from "./failure-retryability";
import type { WebhookAttemptEntry } from "./page-webhook-inbox";
import { type RedactedWebhookBody, redactWebhookPayload } from "./redact-webhook-payload";

export interface WebhookDeliveryDetail {
  id: string;
  type: string;
  body: RedactedWebhookBody;
  failures: WebhookAttemptEntry[];
}

export async function webhookDeliveryDetail(
  db: Pick<Database, "prisma">,
  id: string,
): Promise<WebhookDeliveryDetail> {
  const [delivery, attempts] = await Promise.all([
    db.prisma.webhookDelivery.findUnique({
      where: { id },
      select: { id: true, type: true, rawBody: true },
    }),
    db.prisma.webhookDeliveryAttempt.findMany({
      where: { deliveryId: id },
      orderBy: { id: "asc" },
      select: { attempt: true, error: true, failedAt: true },
    }),
  ]);
  if (!delivery) throw new DomainError("NOT_FOUND", "no webhook delivery with this id");
  return {
    id: delivery.id,
    type: delivery.type,
    body: redactWebhookPayload(delivery.rawBody),
    failures: attempts.map((attempt) => ({
      ...attempt,
      retryable: isRetryableFailure({ code: null, message: attempt.error }) ?? false,
    })),
  };
}
