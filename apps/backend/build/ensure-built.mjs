// Whether dist/ holds a build of the sources as they are now, and the build when it does not:
// what keeps `pnpm cli`, `pnpm serve` and `pnpm demo` two commands on a fresh clone and right after
// an edit. The check is a walk of the sources' modification times (a few milliseconds), so it runs
// on every start; esbuild is only loaded when a build is needed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const backendDir = path.resolve(import.meta.dirname, "..");
const repoRoot = path.resolve(backendDir, "..", "..");
const stampFile = path.join(backendDir, "dist", "build-stamp.json");

/** What the bundle is made of: our sources (tests aside), the build itself, the dependencies. */
const inputRoots = [
  path.join(backendDir, "src"),
  path.join(backendDir, "build"),
  path.join(backendDir, "package.json"),
  path.join(repoRoot, "packages"),
  path.join(repoRoot, "pnpm-lock.yaml"),
];
const skippedDirs = new Set(["node_modules", "dist", ".turbo", "testing", "e2e"]);
const isInput = (name) => !/\.(test|bench|e2e\.test)\.ts$/.test(name);

export async function ensureBuilt({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const reason = await staleReason();
  if (reason === null) return false;
  log(`Building the CLI and server (${reason})…`);
  const { bundle } = await import("./bundle.mjs");
  const { ms } = await bundle();
  log(`Built in ${(ms / 1000).toFixed(1)} s.`);
  return true;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export async function staleReason() {
  const built = statSync(stampFile, { throwIfNoEntry: false });
  if (!built) return "no build yet";
  const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  if (stamp.checkout !== repoRoot) return "the checkout moved";
  const newer = newestInputAfter(built.mtimeMs);
  return newer ? `${path.relative(repoRoot, newer)} changed` : null;
}

// Synchronous on purpose: a thousand stat calls take a few milliseconds this way, ten times more
// through promises.
function newestInputAfter(since) {
  for (const root of inputRoots) {
    const found = findNewer(root, since);
    if (found) return found;
  }
  return null;
}

function findNewer(file, since) {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return null;
  if (!info.isDirectory()) return info.mtimeMs > since ? file : null;
  const entries = readdirSync(file, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory() && skippedDirs.has(entry.name)) continue;
    if (entry.isFile() && !isInput(entry.name)) continue;
    const found = findNewer(path.join(file, entry.name), since);
    if (found) return found;
  }
  return null;
}
