// pnpm --filter @greenloop/db migration:new <snake_case_name>
import { authorMigration } from "../src/prisma-cli/author-migration";

const label = process.argv[2];
if (!label) {
  process.stderr.write("Usage: pnpm --filter @greenloop/db migration:new <snake_case_name>\n");
  process.exit(2);
}
try {
  const { name, sql } = await authorMigration(label);
  process.stdout.write(
    name
      ? `Wrote prisma/migrations/${name}/migration.sql (applies cleanly after the others):\n\n${sql}`
      : "prisma/schema.prisma matches the migrations: nothing to write.\n",
  );
} catch (error) {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
