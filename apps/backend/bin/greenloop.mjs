#!/usr/bin/env node
// `pnpm cli`, `pnpm serve`, `pnpm demo`: the built CLI (dist/cli.mjs), rebuilt first when the
// sources changed since the last build. Development and tests run the TypeScript directly (tsx).
import { ensureBuilt } from "../build/ensure-built.mjs";

await ensureBuilt();
await import("../dist/cli.mjs");
