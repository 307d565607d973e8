// A local fake of Expo's push service, no kinder than Expo: `POST /--/api/v2/push/send` takes a
// JSON array of up to 100 messages and answers `{ data: [ticket…] }`, one per message;
// `POST /--/api/v2/push/getReceipts` takes `{ ids }` and answers `{ data: { id: receipt } }` with
// only the receipts that are ready. Receipts are not ready until the test publishes them (Expo's
// take minutes). Tokens listed as unregistered get DeviceNotRegistered tickets, uninstalled ones
// an ok ticket and a DeviceNotRegistered receipt; rate-limited ones MessageRateExceeded a given
// number of times; scripted statuses (429, 5xx) answer whole requests first.
import type { TestCleanup } from "@greenloop/db/testing";
import { type HandlerResponse, type RecordedRequest, startLoopbackServer } from "./loopback-server";

export interface ExpoMessageSeen {
  to: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export interface FakeExpoPush {
  /** The send endpoint (what EXPO_PUSH_URL names). */
  url: string;
  /** Every request, sends and receipt requests alike. */
  requests: RecordedRequest[];
  /** Send requests only. */
  sends(): RecordedRequest[];
  /** Receipt requests only. */
  receiptRequests(): RecordedRequest[];
  /** Messages Expo accepted (an "ok" ticket). */
  delivered: ExpoMessageSeen[];
  /** Makes the receipts of every ticket issued so far ready. */
  publishReceipts(): void;
}

const sendPath = "/--/api/v2/push/send";
const receiptsPath = "/--/api/v2/push/getReceipts";

const errorBody = (status: number) => ({
  errors: [
    status === 429
      ? { code: "TOO_MANY_REQUESTS", message: "Too many requests" }
      : { code: "INTERNAL_SERVER_ERROR", message: "scripted" },
  ],
});

export async function startFakeExpoPush(
  cleanup: TestCleanup,
  options: {
    unregistered?: string[];
    /** Accepted, but the receipt says DeviceNotRegistered (the app was uninstalled meanwhile). */
    uninstalled?: string[];
    /** token → how many times to answer MessageRateExceeded before accepting. */
    rateLimited?: Record<string, number>;
    /** Whole send-request answers before the normal behaviour (e.g. [429, 503]). */
    statuses?: number[];
    /** Whole receipt-request answers before the normal behaviour. */
    receiptStatuses?: number[];
  } = {},
): Promise<FakeExpoPush> {
  const statuses = [...(options.statuses ?? [])];
  const receiptStatuses = [...(options.receiptStatuses ?? [])];
  const rateLimited = { ...options.rateLimited };
  const delivered: ExpoMessageSeen[] = [];
  /** ticket id → the token it was issued for, and whether its receipt is ready. */
  const tickets = new Map<string, { to: string; ready: boolean }>();
  let nextId = 1;

  const send = (request: RecordedRequest): HandlerResponse => {
    const scripted = statuses.shift();
    if (scripted !== undefined) return { status: scripted, json: errorBody(scripted) };
    const messages = parseJson(request.body);
    if (
      !isJsonPost(request) ||
      !Array.isArray(messages) ||
      messages.length === 0 ||
      messages.length > 100 ||
      !messages.every((m) => typeof m?.to === "string" && typeof m?.title === "string")
    ) {
      return badRequest();
    }
    const answers = (messages as ExpoMessageSeen[]).map((message) => {
      if (options.unregistered?.includes(message.to)) {
        return {
          status: "error",
          message: `"${message.to}" is not a registered push notification recipient`,
          details: { error: "DeviceNotRegistered", expoPushToken: message.to },
        };
      }
      const left = rateLimited[message.to] ?? 0;
      if (left > 0) {
        rateLimited[message.to] = left - 1;
        return {
          status: "error",
          message: "too many messages to this device",
          details: { error: "MessageRateExceeded", expoPushToken: message.to },
        };
      }
      delivered.push(message);
      const id = `0000000${nextId++}-0000-4000-8000-000000000000`.slice(-36);
      tickets.set(id, { to: message.to, ready: false });
      return { status: "ok", id };
    });
    return { status: 200, json: { data: answers } };
  };

  const receipts = (request: RecordedRequest): HandlerResponse => {
    const scripted = receiptStatuses.shift();
    if (scripted !== undefined) return { status: scripted, json: errorBody(scripted) };
    const ids = (parseJson(request.body) as { ids?: unknown } | null)?.ids;
    if (!isJsonPost(request) || !Array.isArray(ids) || ids.length > 1_000) return badRequest();
    const data: Record<string, unknown> = {};
    for (const id of ids) {
      const ticket = tickets.get(String(id));
      if (!ticket?.ready) continue;
      data[String(id)] = options.uninstalled?.includes(ticket.to)
        ? {
            status: "error",
            message: `"${ticket.to}" is not a registered push notification recipient`,
            details: { error: "DeviceNotRegistered", expoPushToken: ticket.to },
          }
        : { status: "ok" };
    }
    return { status: 200, json: { data } };
  };

  const server = await startLoopbackServer(cleanup, (request) => {
    if (request.path === sendPath) return send(request);
    if (request.path === receiptsPath) return receipts(request);
    return { status: 404, json: { errors: [{ code: "NOT_FOUND", message: request.path }] } };
  });
  const base = server.url.replace(/\/$/, "");
  return {
    url: `${base}${sendPath}`,
    requests: server.requests,
    sends: () => server.requests.filter((r) => r.path === sendPath),
    receiptRequests: () => server.requests.filter((r) => r.path === receiptsPath),
    delivered,
    publishReceipts() {
      for (const ticket of tickets.values()) ticket.ready = true;
    },
  };
}

function isJsonPost(request: RecordedRequest): boolean {
  return (
    request.method === "POST" &&
    String(request.headers["content-type"]).startsWith("application/json")
  );
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function badRequest(): HandlerResponse {
  return { status: 400, json: { errors: [{ code: "VALIDATION_ERROR", message: "bad request" }] } };
}
