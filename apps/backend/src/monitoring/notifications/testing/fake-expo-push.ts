// A local fake of Expo's push API (POST a JSON array of up to 100 `{ to, title, body, data }`
// messages; answer `{ data: [ticket…] }`, one per message). Tokens listed as unregistered get
// `DeviceNotRegistered` tickets; rate-limited ones get `MessageRateExceeded` a given number of times.
import type { TestCleanup } from "@greenloop/db/testing";
import { type RecordedRequest, startLoopbackServer } from "./loopback-server";

export interface ExpoMessageSeen {
  to: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export interface FakeExpoPush {
  url: string;
  requests: RecordedRequest[];
  /** Messages Expo accepted (an "ok" ticket). */
  delivered: ExpoMessageSeen[];
}

export async function startFakeExpoPush(
  cleanup: TestCleanup,
  options: {
    unregistered?: string[];
    /** token → how many times to answer MessageRateExceeded before accepting. */
    rateLimited?: Record<string, number>;
    /** Whole-request answers before the normal behaviour (e.g. [503]). */
    statuses?: number[];
  } = {},
): Promise<FakeExpoPush> {
  const statuses = [...(options.statuses ?? [])];
  const rateLimited = { ...options.rateLimited };
  const delivered: ExpoMessageSeen[] = [];
  let nextId = 1;
  const server = await startLoopbackServer(cleanup, (request) => {
    const scripted = statuses.shift();
    if (scripted !== undefined)
      return {
        status: scripted,
        json: { errors: [{ code: "INTERNAL_SERVER_ERROR", message: "scripted" }] },
      };
    let messages: unknown;
    try {
      messages = JSON.parse(request.body);
    } catch {
      return { status: 400, json: { errors: [{ code: "VALIDATION_ERROR", message: "bad JSON" }] } };
    }
    if (
      request.method !== "POST" ||
      !String(request.headers["content-type"]).startsWith("application/json") ||
      !Array.isArray(messages) ||
      messages.length === 0 ||
      messages.length > 100 ||
      !messages.every((m) => typeof m?.to === "string" && typeof m?.title === "string")
    ) {
      return {
        status: 400,
        json: { errors: [{ code: "VALIDATION_ERROR", message: "bad request" }] },
      };
    }
    const tickets = (messages as ExpoMessageSeen[]).map((message) => {
      if (options.unregistered?.includes(message.to)) {
        return {
          status: "error",
          message: `"${message.to}" is not a registered push notification recipient`,
          details: { error: "DeviceNotRegistered" },
        };
      }
      const left = rateLimited[message.to] ?? 0;
      if (left > 0) {
        rateLimited[message.to] = left - 1;
        return {
          status: "error",
          message: "too many messages to this device",
          details: { error: "MessageRateExceeded" },
        };
      }
      delivered.push(message);
      return { status: "ok", id: `ticket-${nextId++}` };
    });
    return { status: 200, json: { data: tickets } };
  });
  return { url: server.url, requests: server.requests, delivered };
}
