#!/usr/bin/env node
// Process entry point of the CLI: wires signals and stdio to runCli.
import { runCli } from "./run-cli";

const shutdown = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while shutting down means "now".
    if (shutdown.signal.aborted) process.exit(130);
    shutdown.abort(signal);
  });
}

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // The one place that asks: logs are pretty on a terminal, JSON when piped or collected.
  logsToTerminal: process.stderr.isTTY === true,
  shutdown: shutdown.signal,
  ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
});
process.exitCode = exitCode;
