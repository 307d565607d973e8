import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

async function help(argv: string[], columns?: number) {
  let stdout = "";
  const exitCode = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => undefined,
    env: {},
    ...(columns ? { columns } : {}),
  });
  return { exitCode, lines: stdout.trimEnd().split("\n"), stdout };
}

/** Words of the help, in order: a word broken across lines would show up split in two. */
const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

describe("pnpm cli --help", () => {
  it("does wrap every line to the terminal's width (it padded descriptions to 280 columns)", async () => {
    for (const columns of [50, 80, 132]) {
      const { exitCode, lines } = await help(["--help"], columns);
      expect(exitCode).toBe(0);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
      expect(lines).toContain("  migrate [--json]");
      expect(lines).toContain("  serve [--json]");
    }
  });

  it("does wrap to 80 columns when stdout is not a terminal", async () => {
    const { lines } = await help(["help"]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThan(70);
  });

  it("does break descriptions between words only, under a hanging indent", async () => {
    const narrow = await help(["--help"], 50);
    const wide = await help(["--help"], 200);
    expect(wordsOf(narrow.stdout)).toEqual(wordsOf(wide.stdout));
    const migrate = narrow.lines.indexOf("  migrate [--json]");
    expect(narrow.lines.slice(migrate + 1, migrate + 3)).toEqual([
      "      Apply pending database migrations (safe to",
      "      run any time; does nothing when up to date).",
    ]);
  });

  it("does list a command's subcommands for `customers --help`", async () => {
    const { exitCode, lines } = await help(["customers", "--help"], 80);
    expect(exitCode).toBe(0);
    expect(lines[0]).toBe(
      "Usage: pnpm cli customers lookup|explain|split|pin|erase [options] [--json]",
    );
    for (const sub of ["lookup", "explain", "split", "pin", "erase"]) {
      expect(lines.some((l) => l.startsWith(`  customers ${sub} `))).toBe(true);
    }
  });

  it("does show only that subcommand for `customers lookup --help` (it printed all five)", async () => {
    const { exitCode, stdout, lines } = await help(["customers", "lookup", "--help"], 60);
    expect(exitCode).toBe(0);
    expect(lines.slice(0, 2)).toEqual([
      "Usage: pnpm cli customers lookup (--email E | --phone P)",
      "      [--json]",
    ]);
    expect(stdout).toContain("Find a customer by email or phone");
    for (const other of ["explain", "split", "pin", "erase"]) {
      expect(stdout).not.toContain(`customers ${other}`);
    }
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
  });

  it("does show one subcommand of every command that has them", async () => {
    for (const [command, sub] of [
      ["webhooks", "replay"],
      ["report", "reconcile"],
      ["tiers", "undo"],
      ["imports", "errors"],
    ] as const) {
      const { lines } = await help([command, sub, "--help"], 80);
      expect(lines[0]).toMatch(new RegExp(`^Usage: pnpm cli ${command} ${sub}\\b`));
      expect(lines.join("\n")).not.toContain("Subcommands:");
    }
  });

  it("does mention PORT in `demo --help`", async () => {
    const { stdout } = await help(["demo", "--help"], 80);
    expect(stdout).toContain("`PORT=3001 pnpm demo`");
  });
});
