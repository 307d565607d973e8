import http from "node:http";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { startServer } from "./start-server";
import { serveApiOnLoopback } from "./testing/loopback-api";
import { takePort } from "./testing/taken-port";

const cleanup = useTestCleanup();
const pathSecret = "s3cret-in-the-url";

type Outcome = { status: number; body: string; sent: number } | { error: string; sent: number };

/**
 * POSTs `bytes` of body over loopback as many clients do: the whole body first, as fast as the
 * socket takes it, and only then the answer, which may have come early (the socket is not read
 * until the body is sent: Node's own client would read an early answer and stop sending).
 */
function postLarge(
  url: string,
  {
    bytes,
    headers,
    chunked = false,
  }: { bytes: number; headers: Record<string, string>; chunked?: boolean },
): Promise<Outcome> {
  return new Promise((resolve) => {
    let sent = 0;
    let written = false;
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(outcome);
    };
    const settleIfDone = (answer: { status: number; body: string }) => {
      settle(written ? { ...answer, sent } : { error: "answered before the body was sent", sent });
    };
    const request = http.request(url, {
      method: "POST",
      headers: { ...headers, ...(chunked ? {} : { "content-length": String(bytes) }) },
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => {
        body += text;
      });
      response.on("end", () => settleIfDone({ status: response.statusCode ?? 0, body }));
    });
    request.on("socket", (socket) => socket.pause());
    request.on("error", (error: NodeJS.ErrnoException) =>
      settle({ error: error.code ?? String(error), sent }),
    );
    request.on("close", () => settle({ error: "closed", sent }));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const write = () => {
      while (!settled && sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!request.write(piece)) {
          request.once("drain", write);
          return;
        }
      }
      request.end(() => {
        written = true;
        request.socket?.resume();
      });
    };
    write();
  });
}

async function serve() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const { server } = await serveApiOnLoopback(cleanup, {
    db,
    env: testApiEnv({ IMPORT_MAX_MB: "1" }),
    webhooks: { pathSecret },
  });
  return { db, server };
}

const fiftyMiB = 50 * 1024 * 1024;

/** The whole body sent, then the answer read: what a client should get. */
function answered(status: number, error: { code: string; message: string }): Outcome {
  return { status, sent: fiftyMiB, body: JSON.stringify({ error }) };
}

describe(`startServer (${testDatabaseKind})`, () => {
  for (const chunked of [false, true]) {
    it(`answers a readable 413 to a 50 MiB webhook body${chunked ? " sent chunked" : ""} (the connection was reset)`, async () => {
      const { db, server } = await serve();
      const outcome = await postLarge(`${server.url}/api/webhooks/lightspeed/${pathSecret}`, {
        bytes: fiftyMiB,
        chunked,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(outcome).toEqual(
        answered(413, { code: "PAYLOAD_TOO_LARGE", message: "webhook body exceeds 1048576 bytes" }),
      );
      expect(await db.prisma.webhookDelivery.count()).toBe(0);
    });
  }

  it("answers a readable 401 to a 50 MiB webhook body with a wrong secret, before reading it", async () => {
    const { server } = await serve();
    const outcome = await postLarge(`${server.url}/api/webhooks/lightspeed/wrong`, {
      bytes: fiftyMiB,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(outcome).toEqual(
      answered(401, { code: "UNAUTHORIZED", message: "webhook secret is missing or wrong" }),
    );
  });

  it("answers a readable 413 to a 50 MiB upload over IMPORT_MAX_MB (the connection was reset)", async () => {
    const { db, server } = await serve();
    const outcome = await postLarge(`${server.url}/api/trpc/imports.start`, {
      bytes: fiftyMiB,
      headers: {
        authorization: `Bearer ${testTokens.operator}`,
        "content-type": "application/octet-stream",
      },
    });
    expect(outcome).toMatchObject({ status: 413, sent: fiftyMiB });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({
      error: { json: { data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } },
    });
    expect(await db.prisma.importRun.count()).toBe(0);
  });
});

describe("startServer on a port already taken", () => {
  const app = { fetch: () => new Response("ok") };

  it("rejects with a CONFLICT naming host:port and how to choose another (it was a bug's stack)", async () => {
    const port = await takePort(cleanup);
    const failure = await startServer(app, { port, host: "127.0.0.1" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: "CONFLICT",
      message: `Cannot listen on 127.0.0.1:${port}: the port is already in use (another \`pnpm serve\` or \`pnpm demo\`?). Stop that process or choose another port, e.g. \`PORT=${port + 1}\`.`,
    });
  });

  it("names the command to run again when the caller says how", async () => {
    const port = await takePort(cleanup);
    const failure = await startServer(app, {
      port,
      host: "127.0.0.1",
      otherPort: (other) => `PORT=${other} pnpm demo`,
    }).catch((e: unknown) => e);
    expect((failure as DomainError).message).toContain(`e.g. \`PORT=${port + 1} pnpm demo\`.`);
    expect((failure as DomainError).message).not.toContain("\n");
  });
});
