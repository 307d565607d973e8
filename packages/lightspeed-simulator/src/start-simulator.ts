// Runs a simulated store as a real HTTP server on loopback, with an optional real-time background
// loop (sync due eCom orders, deliver due webhooks) for standalone use such as the demo CLI.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createSimulatorApp } from "./create-simulator-app";
import { SimulatedStore } from "./simulated-store";
import type { SimulatorOptions } from "./simulator-options";

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>`; clients call `${baseUrl}/api/2.0/sales`. */
  baseUrl: string;
  token: string;
  domainPrefix: string;
  store: SimulatedStore;
  /** Stops HTTP and the background loop; the process can exit afterwards. */
  close(): Promise<void>;
}

const BACKGROUND_INTERVAL_MS = 1_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const store = new SimulatedStore(options);
  const app = createSimulatorApp(store);
  const host = options.host ?? "127.0.0.1";

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(started),
    );
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;

  const background =
    options.background ?? (Boolean(options.webhook?.url) || options.clock === "real");
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  if (background) {
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      store.tick();
      store.webhooks
        .deliverDue()
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, BACKGROUND_INTERVAL_MS);
    // Never keep the process alive just for the loop.
    timer.unref();
  }

  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    token: store.token,
    domainPrefix: store.domainPrefix,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (timer) clearInterval(timer);
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
