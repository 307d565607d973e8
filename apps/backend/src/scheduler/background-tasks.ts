// Work a request starts but does not wait for (an uploaded file's import). Shutdown waits for it,
// so a stopping server never cuts an import between two batches it would have committed.
import type { Logger } from "../logger";

export interface BackgroundTasks {
  /** Starts `task` now; its failure is logged (the task records its own outcome). */
  start(name: string, task: () => Promise<unknown>): void;
  /** How many are running. */
  readonly running: number;
  /** Resolves once every started task has settled. */
  drain(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const inFlight = new Set<Promise<unknown>>();
  return {
    start(name, task) {
      const promise = task()
        .catch((error: unknown) =>
          logger.error({ err: error, task: name }, "background task failed"),
        )
        .finally(() => inFlight.delete(promise));
      inFlight.add(promise);
    },
    get running() {
      return inFlight.size;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
