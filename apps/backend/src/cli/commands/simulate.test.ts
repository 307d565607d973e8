import { useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { takePort } from "../../http/testing/taken-port";
import { runCliCaptured } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

describe("simulators on a taken port", () => {
  it("pnpm cli simulate --port says which port is taken and how to choose another", async () => {
    const port = await takePort(cleanup);
    const run = await runCliCaptured(["simulate", "--port", String(port)], {});
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      `Error: Cannot listen on 127.0.0.1:${port}: the port is already in use (another \`pnpm serve\` or \`pnpm demo\`?). ` +
        `Stop that process or choose another port, e.g. \`pnpm cli simulate --port ${port + 1}\`.\n`,
    );
  });

  it("pnpm demo --sim-port names --sim-port, the simulator's own setting, not PORT", async () => {
    const port = await takePort(cleanup);
    const run = await runCliCaptured(
      ["demo", "--sim-port", String(port), "--data-dir", cleanup.tempDir(), "--json"],
      {},
    );
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.lastLine)).toEqual({
      ok: false,
      command: "demo",
      error: {
        code: "CONFLICT",
        message:
          `Cannot listen on 127.0.0.1:${port}: the port is already in use (another \`pnpm serve\` or \`pnpm demo\`?). ` +
          `Stop that process or choose another port, e.g. \`pnpm demo --sim-port ${port + 1}\`.`,
      },
    });
  });
});
