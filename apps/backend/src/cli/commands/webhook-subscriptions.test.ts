import { useTestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliCaptured } from "../testing/cli-test-env";

const cleanup = useTestCleanup();
const base = "https://sync.example.com";
const secret = "9c1f0e7a5b3d2c4e6f8a0b1c2d3e4f5a";

async function startStore(): Promise<RunningSimulator> {
  const sim = await startSimulator({
    seed: 3,
    store: { customers: 5, inStoreSales: 5, ecomOrders: 0, months: 1 },
  });
  cleanup.defer(() => sim.close());
  return sim;
}

const storeEnv = (sim: RunningSimulator, extra: Record<string, string>) => ({
  LIGHTSPEED_BASE_URL: sim.baseUrl,
  LIGHTSPEED_TOKEN: sim.token,
  ...extra,
});

/** Runs the command with --json; the parsed last line, and everything it wrote anywhere. */
async function cli(argv: string[], env: Record<string, string>) {
  const run = await runCliCaptured([...argv, "--json"], env);
  return { ...run, json: JSON.parse(run.lastLine), everything: run.stdout + run.stderr + run.logs };
}

const apiSubscriptions = (sim: RunningSimulator) =>
  sim.store.webhooks.subscriptions
    .list("api")
    .map(({ type, url, active }) => ({ type, url, active }));

describe("runWebhooksRegister", () => {
  it("subscribes each type we consume at a URL carrying it, masks the secret, and changes nothing the second time", async () => {
    const sim = await startStore();
    const env = storeEnv(sim, { WEBHOOK_PATH_SECRET: secret });
    const url = (type: string) => `${base}/api/webhooks/lightspeed/${secret}/${type}`;
    const shown = (type: string) => `${base}/api/webhooks/lightspeed/9c1f…/${type}`;

    const first = await cli(["webhooks", "register", "--url", `${base}/`], env);
    expect(first.exitCode).toBe(0);
    expect(first.json).toEqual({
      ok: true,
      command: "webhooks",
      action: "register",
      baseUrl: base,
      changed: true,
      subscriptions: [
        {
          type: "sale.update",
          url: shown("sale.update"),
          id: expect.any(String),
          outcome: "created",
        },
        {
          type: "customer.update",
          url: shown("customer.update"),
          id: expect.any(String),
          outcome: "created",
        },
        {
          type: "product.update",
          url: shown("product.update"),
          id: expect.any(String),
          outcome: "created",
        },
      ],
    });
    expect(first.everything).not.toContain(secret);
    expect(apiSubscriptions(sim)).toEqual([
      { type: "sale.update", url: url("sale.update"), active: true },
      { type: "customer.update", url: url("customer.update"), active: true },
      { type: "product.update", url: url("product.update"), active: true },
    ]);

    const second = await cli(["webhooks", "register", "--url", base], env);
    expect(second.json).toMatchObject({
      changed: false,
      subscriptions: [
        { id: first.json.subscriptions[0].id, outcome: "exists" },
        { id: first.json.subscriptions[1].id, outcome: "exists" },
        { id: first.json.subscriptions[2].id, outcome: "exists" },
      ],
    });
    expect(sim.store.webhooks.subscriptions.list("api")).toHaveLength(3);

    // Someone paused one: register turns it back on rather than adding another.
    const { id } = first.json.subscriptions[1];
    sim.store.webhooks.subscriptions.update(
      id,
      { url: url("customer.update"), type: "customer.update", active: false },
      "api",
    );
    const third = await cli(["webhooks", "register", "--url", base], env);
    expect(third.json.subscriptions.map((s: { outcome: string }) => s.outcome)).toEqual([
      "exists",
      "activated",
      "exists",
    ]);
    expect(third.json.changed).toBe(true);
    expect(apiSubscriptions(sim).every((s) => s.active)).toBe(true);

    const human = await runCliCaptured(["webhooks", "register", "--url", base], env);
    expect(human.stdout).toContain("Nothing changed");
    expect(human.stdout).toContain(shown("sale.update"));
    expect(human.stdout + human.logs).not.toContain(secret);
  });

  it("takes a subscription added by hand (which the API does not list) as existing", async () => {
    const sim = await startStore();
    sim.store.webhooks.configure({ url: `${base}/api/webhooks/lightspeed/${secret}/sale.update` });
    const run = await cli(
      ["webhooks", "register", "--url", base],
      storeEnv(sim, { WEBHOOK_PATH_SECRET: secret }),
    );
    expect(run.json.subscriptions).toEqual([
      expect.objectContaining({ type: "sale.update", id: null, outcome: "exists" }),
      expect.objectContaining({ type: "customer.update", outcome: "created" }),
      expect.objectContaining({ type: "product.update", outcome: "created" }),
    ]);
    expect(run.json.changed).toBe(true);
  });

  it("names only the type with signed webhooks, and refuses with CONFIG when nothing authenticates", async () => {
    const sim = await startStore();
    const signed = await cli(
      ["webhooks", "register", "--url", base],
      storeEnv(sim, { LIGHTSPEED_CLIENT_SECRET: "oauth-secret" }),
    );
    expect(signed.json.subscriptions.map((s: { url: string }) => s.url)).toEqual([
      `${base}/api/webhooks/lightspeed/sale.update`,
      `${base}/api/webhooks/lightspeed/customer.update`,
      `${base}/api/webhooks/lightspeed/product.update`,
    ]);

    const unconfigured = await cli(["webhooks", "register", "--url", base], storeEnv(sim, {}));
    expect(unconfigured.exitCode).toBe(1);
    expect(unconfigured.json).toMatchObject({
      ok: false,
      error: { code: "CONFIG", message: expect.stringContaining("WEBHOOK_PATH_SECRET") },
    });
  });

  it("refuses usage mistakes with exit code 2", async () => {
    await expectBadInput(
      [
        [["webhooks", "register"], /--url/],
        [["webhooks", "register", "--url", "sync.example.com"], /absolute URL/],
        [["webhooks", "register", "--url", "http://sync.example.com"], /https/],
        [["webhooks", "register", "--url", base, "--prune"], /--prune is for subscriptions/],
        [["webhooks", "subscriptions", "--status", "DEAD"], /for list and replay/],
        [["webhooks", "list", "--url", base], /for register and subscriptions/],
        [["webhooks", "subscribe"], /Expected one of/],
      ],
      { WEBHOOK_PATH_SECRET: secret },
    );
  });
});

describe("runWebhooksSubscriptions", () => {
  it("flags ours, stale and foreign, reports missing types, and prunes only the stale ones", async () => {
    const sim = await startStore();
    const env = storeEnv(sim, { WEBHOOK_PATH_SECRET: secret });
    const subscriptions = sim.store.webhooks.subscriptions;
    const add = (type: "sale.update" | "customer.update", url: string) =>
      subscriptions.create({ type, url, active: true }, "api");
    add("sale.update", `${base}/api/webhooks/lightspeed/${secret}/sale.update`);
    add("customer.update", `${base}/api/webhooks/lightspeed/old-secret-abcdef/customer.update`);
    add(
      "sale.update",
      `https://old-host.example.com/api/webhooks/lightspeed/${secret}/sale.update`,
    );
    add("sale.update", "https://crm.example.com/hooks/sales");

    const listed = await cli(["webhooks", "subscriptions", "--url", base], env);
    expect(listed.exitCode).toBe(0);
    expect(listed.json).toMatchObject({
      action: "subscriptions",
      baseUrl: base,
      changed: false,
      missing: ["customer.update", "product.update"],
    });
    expect(
      listed.json.subscriptions.map((s: Record<string, unknown>) => [
        s.kind,
        s.reasons,
        s.url,
        s.pruned,
      ]),
    ).toEqual([
      ["ours", [], `${base}/api/webhooks/lightspeed/9c1f…/sale.update`, false],
      ["stale", ["secret"], `${base}/api/webhooks/lightspeed/old-…/customer.update`, false],
      [
        "stale",
        ["base"],
        "https://old-host.example.com/api/webhooks/lightspeed/9c1f…/sale.update",
        false,
      ],
      ["foreign", [], "https://crm.example.com/hooks/sales", false],
    ]);
    expect(listed.everything).not.toContain(secret);
    expect(listed.everything).not.toContain("old-secret-abcdef");

    const pruned = await cli(["webhooks", "subscriptions", "--url", base, "--prune"], env);
    expect(pruned.json.changed).toBe(true);
    expect(pruned.json.subscriptions.map((s: { pruned: boolean }) => s.pruned)).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(subscriptions.list("api").map((s) => s.url)).toEqual([
      `${base}/api/webhooks/lightspeed/${secret}/sale.update`,
      "https://crm.example.com/hooks/sales",
    ]);

    await cli(["webhooks", "register", "--url", base], env);
    const after = await cli(["webhooks", "subscriptions"], env);
    expect(after.json).toMatchObject({ baseUrl: null, missing: [] });
    expect(after.json.subscriptions.map((s: { kind: string }) => s.kind)).toEqual([
      "ours",
      "foreign",
      "ours",
      "ours",
    ]);
  });
});
