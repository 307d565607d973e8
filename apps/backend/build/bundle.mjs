// The production build of the CLI and the server (`pnpm build`): esbuild bundles
// src/cli/main.ts with our workspace packages and their dependencies into dist/, split so that
// each command loads only what it imports (`import()` boundaries become chunks). Plain JavaScript
// so the launcher can rebuild without a TypeScript loader.
//
// Left out of the bundle, loaded from node_modules at run time:
// - PGlite: it reads its .wasm and .data files next to its own module.
// - OpenTelemetry: optional, loaded only when tracing is switched on.
// - pg-native: an optional native binding pg tries and does without.
// The simulator is a development tool: it is built into its own file (dist/simulator.mjs) that
// only `demo` and `simulate` import, never into the production bundle.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";

export const backendDir = path.resolve(import.meta.dirname, "..");
export const distDir = path.join(backendDir, "dist");
export const stampFile = path.join(distDir, "build-stamp.json");
export const repoRoot = path.resolve(backendDir, "..", "..");

const external = [
  "@electric-sql/pglite",
  "@electric-sql/pglite/*",
  "@opentelemetry/*",
  "pg-native",
];

/**
 * Our sources locate files next to themselves (`import.meta.dirname`: the repository root, the
 * migrations). In a bundle that would be dist/, so each source file keeps its own directory. The
 * bundle is built in the checkout it runs from (the stamp records the checkout: a moved checkout
 * rebuilds).
 */
const keepSourceDirname = {
  name: "keep-source-dirname",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      // Read once and handed back either way (returning nothing would make esbuild read it again).
      const source = await readFile(args.path, "utf8");
      const dirname = JSON.stringify(path.dirname(args.path));
      return { contents: source.replaceAll("import.meta.dirname", dirname), loader: "ts" };
    });
  },
};

/** The CLI reaches the simulator through dist/simulator.mjs, built separately. */
const simulatorOutside = {
  name: "simulator-outside",
  setup(build) {
    build.onResolve({ filter: /^@greenloop\/lightspeed-simulator$/ }, () => ({
      path: "./simulator.mjs",
      external: true,
    }));
  },
};

// Bundled CommonJS (pino, nodemailer, pg…) calls require() for Node's built-ins.
const banner = {
  js: [
    'import { createRequire as __greenloopCreateRequire } from "node:module";',
    "const require = __greenloopCreateRequire(import.meta.url);",
  ].join("\n"),
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20.19",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
  outdir: distDir,
  outExtension: { ".js": ".mjs" },
  write: false,
  metafile: true,
  external,
  banner,
  plugins: [keepSourceDirname],
};

export async function bundle() {
  const started = performance.now();
  const simulatorEntry = path.join(repoRoot, "packages", "lightspeed-simulator", "src", "index.ts");
  const [cli, simulator] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { cli: path.join(backendDir, "src", "cli", "main.ts") },
      splitting: true,
      // Beside the entries, not in a folder: the simulator's import (./simulator.mjs) is kept
      // verbatim, so it must mean the same file from every chunk.
      chunkNames: "[name]-[hash]",
      plugins: [keepSourceDirname, simulatorOutside],
    }),
    esbuild.build({ ...common, entryPoints: { simulator: simulatorEntry } }),
  ]);
  const files = [...cli.outputFiles, ...simulator.outputFiles];
  // Chunks first, entries last, each written whole under a temporary name and renamed: a process
  // starting meanwhile reads either the old build or the new one, never half a file. Chunk names
  // carry their content's hash, so the chunks a process that started on the old build has yet to
  // load stay where it expects them (a process loads its command's chunks as it starts); chunks
  // this build did not write are removed an hour after they were written.
  const entries = new Set(["cli.mjs", "simulator.mjs"].map((name) => path.join(distDir, name)));
  const isEntry = (file) => entries.has(file.path.replace(/\.map$/, ""));
  await mkdir(distDir, { recursive: true });
  for (const file of [...files.filter((f) => !isEntry(f)), ...files.filter(isEntry)]) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  await removeOldChunks(new Set(files.map((file) => file.path)));
  await writeFile(
    stampFile,
    `${JSON.stringify({ checkout: repoRoot, builtAt: new Date().toISOString() })}\n`,
  );
  return { ms: Math.round(performance.now() - started), metafile: cli.metafile };
}

async function removeOldChunks(written) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of await readdir(distDir).catch(() => [])) {
    const file = path.join(distDir, name);
    if (written.has(file) || !/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name)) continue;
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < hourAgo) await rm(file, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await bundle();
  process.stderr.write(
    `built ${path.relative(process.cwd(), distDir) || "."} in ${result.ms} ms\n`,
  );
  if (process.argv.includes("--analyze")) {
    process.stderr.write(await esbuild.analyzeMetafile(result.metafile, { verbose: false }));
  }
}
