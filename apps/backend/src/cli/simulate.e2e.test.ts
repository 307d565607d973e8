// `pnpm cli simulate` as the demo and scripts use it: one JSON line once it listens, then the API.
import { useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { spawnCli } from "./testing/spawn-cli";

const cleanup = useTestCleanup();

describe("pnpm cli simulate", () => {
  it("prints baseUrl, token and domainPrefix once it listens, serves the store, and stops on SIGTERM", async () => {
    const sim = await spawnCli({
      args: ["simulate", "--port", "0", "--seed", "7", "--clock", "manual", "--json"],
      ready: /^(\{.*\})$/m,
      readyOnStdout: true,
      defer: cleanup.defer,
    });
    const announced = JSON.parse(sim.ready);
    expect(announced).toEqual({
      ok: true,
      command: "simulate",
      baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      token: "sim-token-7",
      domainPrefix: "greenloopdemo",
    });

    const unauthorized = await fetch(`${announced.baseUrl}/api/2.0/sales`);
    expect(unauthorized.status).toBe(401);
    const response = await fetch(`${announced.baseUrl}/api/2.0/sales?page_size=5`, {
      headers: { Authorization: `Bearer ${announced.token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      data: Array<{ id: string }>;
      version: { max: number };
    };
    expect(page.data).toHaveLength(5);
    expect(page.version.max).toBeGreaterThan(0);

    expect(await sim.stop("SIGTERM")).toBe(0);
    expect(sim.stdout().trimEnd().split("\n")).toHaveLength(1);
  });

  it("rejects a bad option value with exit code 2", async () => {
    const sim = await spawnCli({
      args: ["simulate", "--seed", "many", "--json"],
      ready: /^(\{.*\})$/m,
      readyOnStdout: true,
      defer: cleanup.defer,
    });
    expect(JSON.parse(sim.ready)).toEqual({
      ok: false,
      command: "simulate",
      error: { code: "BAD_INPUT", message: '--seed must be a whole number ≥ 0 (got "many").' },
    });
    expect(await sim.exited).toBe(2);
  });
});
