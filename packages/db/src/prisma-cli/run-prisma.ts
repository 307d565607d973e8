// Runs the Prisma CLI (JS engine, on PGlite). With a PGlite adapter the CLI never closes its
// database, so a command that touches it never exits: it is stopped once its output says done.
import { spawn } from "node:child_process";
import path from "node:path";

export const dbPackageDir = path.resolve(import.meta.dirname, "../..");

export interface RunPrismaOptions {
  /** PGlite data directory the CLI's adapter opens (prisma.config.ts reads PRISMA_PGLITE_DIR). */
  pgliteDir?: string;
  /** Stop the CLI as soon as its output contains this; otherwise wait for it to exit. */
  until?: string;
}

export function runPrisma(
  args: string[],
  options: RunPrismaOptions = {},
): Promise<{ stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(dbPackageDir, "node_modules/.bin/prisma"), args, {
      cwd: dbPackageDir,
      env: {
        ...process.env,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        ...(options.pgliteDir ? { PRISMA_PGLITE_DIR: options.pgliteDir } : {}),
      },
    });
    let stdout = "";
    let output = "";
    let settled = false;
    const onData = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      const text = chunk.toString();
      if (stream === "stdout") stdout += text;
      output += text;
      if (options.until && !settled && output.includes(options.until)) {
        settled = true;
        child.kill("SIGKILL");
        resolve({ stdout, output });
      }
    };
    child.stdout.on("data", onData("stdout"));
    child.stderr.on("data", onData("stderr"));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (settled) return;
      settled = true;
      if (code === 0 && !options.until) resolve({ stdout, output });
      else
        reject(
          new Error(
            `prisma ${args.join(" ")} exited with ${code}${options.until ? ` before "${options.until}"` : ""}:\n${output}`,
          ),
        );
    });
  });
}
