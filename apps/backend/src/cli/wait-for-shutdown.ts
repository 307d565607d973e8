/** Resolves with the reason (e.g. "SIGTERM") once a long-running command is asked to stop. */
export function waitForShutdown(shutdown: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    if (shutdown.aborted) resolve(String(shutdown.reason));
    shutdown.addEventListener("abort", () => resolve(String(shutdown.reason)), { once: true });
  });
}
