import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { parsesAsJsonObject } from "../testing/parses-as-json-object";
import { cliLogLevel, createCliLogger } from "./cli-logger";
import { demoCommand } from "./commands/demo";
import { serveCommand } from "./commands/serve";

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

/** What the demo's logger writes for one info and one warning, as run-cli builds it. */
function demoLogs(env: Record<string, string>, toTerminal: boolean): string[] {
  const loaded = loadEnv(env);
  const { lines, destination } = capture();
  const logger = createCliLogger(
    { destination, toTerminal },
    { level: cliLogLevel(loaded, demoCommand), format: loaded.logFormat },
  );
  const mail = logger.child({ component: "mail" });
  mail.info({ to: "jane@example.com" }, "login code written");
  mail.warn({ email: "jane@example.com" }, "SMTP_URL is not set");
  return lines.join("").split("\n").filter(Boolean);
}

describe("cliLogLevel", () => {
  it("keeps the demo quiet (warn) and serve at info, unless LOG_LEVEL says otherwise", () => {
    expect(cliLogLevel(loadEnv({}), demoCommand)).toBe("warn");
    expect(cliLogLevel(loadEnv({}), serveCommand)).toBe("info");
    expect(cliLogLevel(loadEnv({ LOG_LEVEL: "debug" }), demoCommand)).toBe("debug");
  });
});

describe("createCliLogger", () => {
  it("gives the demo on a terminal pretty warnings and no JSON line", () => {
    const lines = demoLogs({}, true);
    expect(lines.filter(parsesAsJsonObject)).toEqual([]);
    expect(lines.join("\n")).toMatch(/WARN.*\(mail\).*SMTP_URL is not set/);
    expect(lines.join("\n")).not.toContain("login code written");
    expect(lines.join("\n")).not.toContain("jane@example.com");
  });

  it("writes JSON when the logs do not reach a terminal, or when LOG_FORMAT=json", () => {
    for (const lines of [demoLogs({}, false), demoLogs({ LOG_FORMAT: "json" }, true)]) {
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? "")).toMatchObject({
        level: 40,
        component: "mail",
        email: "[redacted]",
        msg: "SMTP_URL is not set",
      });
    }
  });

  it("writes pretty lines without colours when LOG_FORMAT=pretty off a terminal", () => {
    const lines = demoLogs({ LOG_FORMAT: "pretty", LOG_LEVEL: "info" }, false);
    expect(lines.filter(parsesAsJsonObject)).toEqual([]);
    expect(lines.join("\n")).toContain("INFO: (mail) login code written");
    expect(lines.join("\n")).not.toContain("\u001b[");
  });
});
