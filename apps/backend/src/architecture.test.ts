// The backend's folders form layers (docs/architecture.md): no folder imports a folder that imports
// it back, directly or through others. Read from the sources, tests and test support left out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Top-level folder → the top-level folders its files import (root files are not folders). */
function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const folderOf = (file: string) => {
    const [first, ...rest] = path.relative(root, file).split(path.sep);
    return rest.length > 0 ? first : undefined;
  };
  for (const file of sourceFiles(root)) {
    const from = folderOf(file);
    if (from === undefined) continue;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g)) {
      const to = folderOf(path.resolve(path.dirname(file), specifier as string));
      if (to !== undefined && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Every loop as a path `a → b → … → a` (depth-first, each loop found from its first folder). */
function loopsOf(graph: Map<string, Set<string>>): string[] {
  const loops: string[] = [];
  const done = new Set<string>();
  const visit = (folder: string, trail: string[]) => {
    const at = trail.indexOf(folder);
    if (at >= 0) {
      loops.push([...trail.slice(at), folder].join(" → "));
      return;
    }
    if (done.has(folder)) return;
    for (const next of graph.get(folder) ?? []) visit(next, [...trail, folder]);
    done.add(folder);
  };
  for (const folder of [...graph.keys()].sort()) visit(folder, []);
  return loops;
}

describe("the backend's folders", () => {
  it("has no folder that imports a folder importing it back, directly or through others", () => {
    const graph = folderImports();
    expect(graph.size).toBeGreaterThan(10);
    expect(loopsOf(graph)).toEqual([]);
  });

  it("reports a loop through several folders (the check itself)", () => {
    const graph = new Map([
      ["imports", new Set(["merge"])],
      ["merge", new Set(["privacy"])],
      ["privacy", new Set(["imports"])],
    ]);
    expect(loopsOf(graph)).toEqual(["imports → merge → privacy → imports"]);
  });
});
