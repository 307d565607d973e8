// A tiny HTTP server on 127.0.0.1 for the local fakes of the webhook receiver and Expo's push API:
// it records every request (headers and body, gunzipped when the client compressed it, as Expo's
// SDK does past 1 KiB) and answers through a handler.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { TestCleanup } from "@greenloop/db/testing";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HandlerResponse {
  status: number;
  json?: unknown;
}

export interface LoopbackServer {
  url: string;
  requests: RecordedRequest[];
}

export async function startLoopbackServer(
  cleanup: TestCleanup,
  handle: (request: RecordedRequest) => HandlerResponse,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: (req.headers["content-encoding"] === "gzip"
          ? gunzipSync(Buffer.concat(chunks))
          : Buffer.concat(chunks)
        ).toString("utf8"),
      };
      requests.push(request);
      const response = handle(request);
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(JSON.stringify(response.json ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.defer(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests };
}
