// Runs a Hono app on Node's HTTP server, with a shutdown that lets requests in flight finish.
import type { AddressInfo } from "node:net";
import { type HttpBindings, serve } from "@hono/node-server";
import { discardUnreadBody } from "./discard-unread-body";
import { listenFailure, type OtherPortExample } from "./listen-failure";

export interface RunningServer {
  /** The bound address (the real port when 0 was asked for). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

export function startServer(
  app: FetchApp,
  options: {
    port: number;
    host: string;
    /** How the user picks another port when this one is taken (default: `PORT=<n>`). */
    otherPort?: OtherPortExample;
  },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, bindings) => {
          const { incoming, outgoing } = bindings as HttpBindings;
          outgoing.once("finish", () => discardUnreadBody(incoming));
          return app.fetch(request);
        },
        // Instead of node-server's clean-up, which resets a connection still sending after 500 ms.
        autoCleanupIncoming: false,
        port: options.port,
        hostname: options.host,
      },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Idle keep-alive sockets would hold close() open.
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    );
    // Before it listens, the only error is failing to listen (the port taken, a privileged port).
    server.once("error", (error) => reject(listenFailure(error, options, options.otherPort)));
  });
}
