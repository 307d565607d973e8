// Prisma CLI config: the JS engine (no native engines to download) on PGlite. The CLI only
// needs a database for authoring (`prisma migrate diff` uses an in-memory one) and for checking
// that `prisma migrate status` agrees with our own runner (PRISMA_PGLITE_DIR names a data dir).
// The product applies migrations itself (src/migrations): Prisma's engine fails on real Postgres.
import path from "node:path";
import { defineConfig } from "prisma/config";

const root = path.join(import.meta.dirname, "..", "..");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite(process.env.PRISMA_PGLITE_DIR));
  },
});
