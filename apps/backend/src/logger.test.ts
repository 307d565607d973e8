import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { createLogger, resolveLogFormat } from "./logger";
import { parsesAsJsonObject } from "./testing/parses-as-json-object";

const cleanup = useTestCleanup();

const secrets = {
  token: "lsxs_pt_secret",
  customer: { email: "jane@example.com", phone: "+16155550101", name: "Jane" },
  req: { headers: { authorization: "Bearer abc", "x-signature": "deadbeef" } },
  databaseUrl: "postgresql://u:pw@h/db",
};
const secretTexts = [
  "lsxs_pt_secret",
  "jane@example.com",
  "+16155550101",
  "Bearer abc",
  "deadbeef",
  "pw@h",
];

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe("createLogger", () => {
  it("redacts tokens, secrets and personal data wherever they sit in a log object", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    logger.info(secrets, "webhook received");
    const line = lines.join("");
    for (const secret of secretTexts) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      msg: "webhook received",
      customer: { name: "Jane", email: "[redacted]" },
    });
  });

  it("writes nothing below its level", () => {
    const { lines, destination } = capture();
    createLogger({ level: "warn", destination }).info("chatty");
    expect(lines).toEqual([]);
  });

  it("writes pretty lines, not JSON, that redact the same keys", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination, format: "pretty" });
    logger.child({ component: "webhooks" }).info(secrets, "webhook received");
    const text = lines.join("");
    for (const secret of secretTexts) expect(text).not.toContain(secret);
    expect(text).toMatch(/INFO: \(webhooks\) webhook received\n/);
    expect(text).toContain('"email": "[redacted]"');
    expect(text).toContain('token: "[redacted]"');
    expect(text).toContain('"name": "Jane"');
    expect(text.split("\n").filter(parsesAsJsonObject)).toEqual([]);
  });

  it("keeps the last pretty lines of a process that exits right after logging", async () => {
    // process.exit() does not wait for asynchronous writes: pretty lines must be written by then.
    const script = path.join(cleanup.tempDir(), "log-then-exit.mjs");
    writeFileSync(
      script,
      [
        `const { createLogger } = await import(${JSON.stringify(path.join(import.meta.dirname, "logger.ts"))});`,
        'const logger = createLogger({ level: "info", format: "pretty" });',
        'for (let i = 1; i <= 2000; i++) logger.info({ i }, "line " + i);',
        "process.exit(0);",
      ].join("\n"),
    );
    const { stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: path.resolve(import.meta.dirname, ".."),
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stderr).toContain("INFO: line 2000\n");
    expect(stderr.match(/INFO: line \d+\n/g)).toHaveLength(2000);
  });
});

describe("resolveLogFormat", () => {
  it("is pretty on a terminal and JSON elsewhere, unless LOG_FORMAT says which", () => {
    expect(resolveLogFormat("auto", true)).toBe("pretty");
    expect(resolveLogFormat("auto", false)).toBe("json");
    expect(resolveLogFormat(undefined, true)).toBe("pretty");
    expect(resolveLogFormat("json", true)).toBe("json");
    expect(resolveLogFormat("pretty", false)).toBe("pretty");
  });
});
