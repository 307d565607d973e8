// A mail transport for tests: keeps what was sent, so a test reads the login code a customer got.
import type { MailMessage, MailTransport } from "../mail-transport";

export interface CapturedMail extends MailTransport {
  readonly messages: MailMessage[];
  /** The last message sent to `to`, or undefined. */
  lastTo(to: string): MailMessage | undefined;
}

export function createCapturedMail(): CapturedMail {
  const messages: MailMessage[] = [];
  return {
    kind: "captured",
    messages,
    async send(message) {
      messages.push({ ...message });
    },
    async close() {},
    lastTo(to) {
      return messages.findLast((message) => message.to === to);
    },
  };
}
