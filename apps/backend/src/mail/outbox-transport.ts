// Mail written as files (one per message), for local runs and the demo, where no SMTP server
// exists: the developer opens the newest file to read a login code.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MailMessage, MailTransport } from "./mail-transport";

export function createOutboxTransport({ dir, from }: { dir: string; from: string }): MailTransport {
  return {
    kind: "outbox",
    async send(message: MailMessage) {
      await mkdir(dir, { recursive: true });
      const sentAt = new Date();
      const name = `${sentAt.toISOString().replaceAll(":", "-")}-${randomUUID().slice(0, 8)}.eml`;
      const text = [
        `From: ${from}`,
        `To: ${message.to}`,
        `Date: ${sentAt.toUTCString()}`,
        `Subject: ${message.subject}`,
        "",
        message.text,
        "",
      ].join("\r\n");
      await writeFile(path.join(dir, name), text, { mode: 0o600 });
    },
    async close() {},
  };
}
