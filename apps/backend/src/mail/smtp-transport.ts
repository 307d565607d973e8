// SMTP through nodemailer (pooled connection, TLS as the URL says).
import { DomainError } from "@greenloop/order-sync/errors";
import nodemailer from "nodemailer";
import type { MailMessage, MailTransport } from "./mail-transport";

export function createSmtpTransport({ url, from }: { url: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(message: MailMessage) {
      try {
        await transporter.sendMail({ from, ...message });
      } catch (error) {
        // The SMTP URL holds credentials: the message names the server's answer only.
        const reason = error instanceof Error ? error.message : String(error);
        throw new DomainError("UNAVAILABLE", `The mail server refused the message: ${reason}`, {
          cause: error,
        });
      }
    },
    async close() {
      transporter.close();
    },
  };
}
