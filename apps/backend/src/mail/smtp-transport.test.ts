// The SMTP transport against a real SMTP server on loopback (smtp-server): the message arrives
// with its sender, recipient and text; a refusing server becomes UNAVAILABLE.
import type { AddressInfo } from "node:net";
import { DomainError } from "@greenloop/order-sync/errors";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { createSmtpTransport } from "./smtp-transport";

interface Received {
  from: string | undefined;
  to: string[];
  data: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0))
    await new Promise<void>((done) => server.close(() => done()));
});

async function startSmtpServer(options: { refuse?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuse) {
        callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received };
}

describe("createSmtpTransport", () => {
  it("delivers the message to the SMTP server", async () => {
    const server = await startSmtpServer();
    const transport = createSmtpTransport({
      url: server.url,
      from: "GreenLoop <no-reply@greenloop.test>",
    });
    await transport.send({
      to: "ana@example.com",
      subject: "Your code: 123456",
      text: "Code 123456",
    });
    await transport.close();
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.from).toBe("no-reply@greenloop.test");
    expect(server.received[0]?.to).toEqual(["ana@example.com"]);
    expect(server.received[0]?.data).toContain("Subject: Your code: 123456");
    expect(server.received[0]?.data).toContain("Code 123456");
  });

  it("turns a refusal into UNAVAILABLE without the server's credentials", async () => {
    const server = await startSmtpServer({ refuse: true });
    const transport = createSmtpTransport({
      url: server.url.replace("smtp://", "smtp://user:s3cret@"),
      from: "no-reply@greenloop.test",
    });
    const error = await transport
      .send({ to: "ana@example.com", subject: "x", text: "y" })
      .catch((caught: unknown) => caught);
    await transport.close();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("UNAVAILABLE");
    expect((error as DomainError).message).not.toContain("s3cret");
  });
});
