// Replays the README's "On your store" with the simulator as the store: the env it sets, `pnpm serve`,
// `pnpm cli webhooks register --url https://<your host>`, then a sale and a customer change in the
// store, delivered by its webhooks to the URLs register subscribed.
import { randomBytes } from "node:crypto";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { createTRPCClient, httpLink } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { apiTransformer } from "../trpc/api-transformer";
import type { AppRouter } from "../trpc/root";
import { freshDatabaseEnv, runCliCaptured } from "./testing/cli-test-env";
import { spawnCli } from "./testing/spawn-cli";

const cleanup = useTestCleanup();

describe(`README "On your store" (${testDatabaseKind})`, () => {
  it("registers the store's webhooks (sales, customers, products), which then deliver a sale and a customer change typed by their URL", async () => {
    const sim = await startSimulator({
      seed: 21,
      store: { customers: 8, inStoreSales: 10, ecomOrders: 0, months: 1 },
    });
    cleanup.defer(() => sim.close());

    // The README's exports; LIGHTSPEED_BASE_URL stands in for LIGHTSPEED_DOMAIN_PREFIX.
    const pathSecret = randomBytes(24).toString("hex");
    const operatorToken = randomBytes(24).toString("hex");
    const env = {
      ...(await freshDatabaseEnv(cleanup)),
      LIGHTSPEED_BASE_URL: sim.baseUrl,
      LIGHTSPEED_TOKEN: sim.token,
      WEBHOOK_PATH_SECRET: pathSecret,
      API_TOKENS: `owner:operator:${operatorToken}`,
    };
    const serve = await spawnCli({
      args: ["serve"],
      env: { ...env, PORT: "0" },
      ready: /listening on (http:\/\/\S+) /,
      defer: cleanup.defer,
    });

    const register = await runCliCaptured(
      ["webhooks", "register", "--url", serve.ready, "--json"],
      env,
    );
    expect(register.exitCode, register.lastLine).toBe(0);
    expect(JSON.parse(register.lastLine)).toMatchObject({
      changed: true,
      subscriptions: [
        { type: "sale.update", outcome: "created" },
        { type: "customer.update", outcome: "created" },
        { type: "product.update", outcome: "created" },
      ],
    });
    expect(register.stdout + register.logs).not.toContain(pathSecret);

    const sale = sim.store.createSale({});
    const customer = sim.store.customers().find((c) => c.deleted_at === null);
    if (!customer) throw new Error("no customer");
    sim.store.updateCustomer(customer.id, { note: "Prefers pickup" });
    const attempts = await sim.store.webhooks.deliverDue();
    expect(attempts.map((a) => [a.type, a.status, new URL(a.url).pathname])).toEqual([
      ["sale.update", 200, `/api/webhooks/lightspeed/${pathSecret}/sale.update`],
      ["customer.update", 200, `/api/webhooks/lightspeed/${pathSecret}/customer.update`],
    ]);

    const api = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${serve.ready}/api/trpc`,
          transformer: apiTransformer,
          headers: { authorization: `Bearer ${operatorToken}` },
        }),
      ],
    });
    const { deliveries } = await api.sync.webhookDeliveries.query({});
    expect(deliveries.map((d) => [d.type, d.objectId]).sort()).toEqual(
      [
        ["customer.update", customer.id],
        ["sale.update", sale.id],
      ].sort(),
    );
    // The route logged where each type came from: the URL, not the payload's shape.
    expect(serve.output().match(/"typeFrom":"subscription"/g)).toHaveLength(2);
    expect(serve.output()).not.toContain(pathSecret);

    const again = await runCliCaptured(
      ["webhooks", "register", "--url", serve.ready, "--json"],
      env,
    );
    expect(JSON.parse(again.lastLine)).toMatchObject({
      changed: false,
      subscriptions: [{ outcome: "exists" }, { outcome: "exists" }, { outcome: "exists" }],
    });
    expect(sim.store.webhooks.subscriptions.list("api")).toHaveLength(3);
    expect(await serve.stop()).toBe(0);
  });
});
