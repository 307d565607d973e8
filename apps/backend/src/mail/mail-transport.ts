// Outgoing mail behind one interface: SMTP in production, files in an outbox directory locally,
// captured in memory by tests (testing/captured-mail.ts).
import type { Logger } from "../logger";
import { createOutboxTransport } from "./outbox-transport";
import { createSmtpTransport } from "./smtp-transport";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** `smtp`, `outbox` or `captured`: shown in logs and status, never the server's credentials. */
  readonly kind: string;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export function createMailTransport(
  settings: { smtpUrl: string | undefined; from: string; outboxDir: string },
  logger: Logger,
): MailTransport {
  if (settings.smtpUrl) return createSmtpTransport({ url: settings.smtpUrl, from: settings.from });
  logger.warn(
    { outboxDir: settings.outboxDir },
    "SMTP_URL is not set: customers' login codes are written to the mail outbox directory, not sent",
  );
  return createOutboxTransport({ dir: settings.outboxDir, from: settings.from });
}
