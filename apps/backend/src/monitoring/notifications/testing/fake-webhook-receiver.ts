// A local receiver of the notification webhook: checks each request's HMAC-SHA256 signature the way
// a receiver would (its own code, not ours) and answers with the scripted statuses, then 200.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TestCleanup } from "@greenloop/db/testing";
import { type RecordedRequest, startLoopbackServer } from "./loopback-server";

export interface FakeWebhookReceiver {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose signature checked out, their bodies parsed. */
  accepted(): Array<Record<string, unknown>>;
}

export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeWebhookReceiver(
  cleanup: TestCleanup,
  options: { secret: string; statuses?: number[] },
): Promise<FakeWebhookReceiver> {
  const script = [...(options.statuses ?? [])];
  const verified: Array<Record<string, unknown>> = [];
  const server = await startLoopbackServer(cleanup, (request) => {
    const signature = request.headers["x-greenloop-signature"];
    if (!verifySignature(options.secret, request.body, String(signature ?? ""))) {
      return { status: 401, json: { error: "bad signature" } };
    }
    const status = script.shift() ?? 200;
    if (status >= 200 && status < 300) verified.push(JSON.parse(request.body));
    return { status };
  });
  return { url: server.url, requests: server.requests, accepted: () => verified };
}
