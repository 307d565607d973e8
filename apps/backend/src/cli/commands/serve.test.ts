import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { takePort } from "../../http/testing/taken-port";
import { freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

describe(`pnpm cli serve on a taken port (${testDatabaseKind})`, () => {
  it("fails with one line naming 127.0.0.1:<port> and PORT=…, not 'Unexpected error … this is a bug' and a stack", async () => {
    const port = await takePort(cleanup);
    const env = { ...(await freshDatabaseEnv(cleanup)), PORT: String(port) };

    const human = await runCliCaptured(["serve"], env);
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toBe("");
    expect(human.stderr).toBe(
      `Error: Cannot listen on 127.0.0.1:${port}: the port is already in use (another \`pnpm serve\` or \`pnpm demo\`?). ` +
        `Stop that process or choose another port, e.g. \`PORT=${port + 1} pnpm serve\`.\n`,
    );
    expect(human.logs).not.toContain("command failed unexpectedly");

    const json = await runCliCaptured(["serve", "--json"], env);
    expect(json.exitCode).toBe(1);
    expect(json.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(json.lastLine)).toMatchObject({
      ok: false,
      command: "serve",
      error: { code: "CONFLICT", message: expect.stringContaining(`127.0.0.1:${port}`) },
    });
  });
});
