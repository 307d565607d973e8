// Every variable env.ts reads is documented in README.md's configuration table, so a new setting
// cannot ship undocumented.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envVariableNames, repoRoot } from "./env";

/** The variable names in the first column of the table under README's "## Configuration". */
function documentedVariables(readme: string): Set<string> {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^#{2,3} /m)[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  const firstCells = rows.slice(2).map((row) => row.split("|")[1] ?? "");
  return new Set(
    firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? "")),
  );
}

describe("envVariableNames", () => {
  it("lists what env.ts reads, and README's configuration table documents each one", () => {
    expect(envVariableNames).toContain("DATABASE_URL");
    expect(envVariableNames).toContain("LOG_FORMAT");
    const documented = documentedVariables(readFileSync(path.join(repoRoot, "README.md"), "utf8"));
    const missing = envVariableNames.filter((name) => !documented.has(name));
    expect(missing, "add these to README.md's configuration table").toEqual([]);
  });

  it("finds names only in the table's first column", () => {
    const readme = [
      "## Configuration",
      "",
      "Text naming `NOT_A_ROW`.",
      "",
      "| variable | default | meaning |",
      "| --- | --- | --- |",
      "| `ONE`, `TWO` | unset | Like `THREE`. |",
      "",
      "### On PostgreSQL",
      "| `FOUR` | unset | After the table. |",
    ].join("\n");
    expect([...documentedVariables(readme)]).toEqual(["ONE", "TWO"]);
  });
});
