// Per-test cleanup: register what a test opened or created; it is undone after each test,
// in reverse order, even when the test failed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

export interface TestCleanup {
  /** Runs `undo` after the current test. */
  defer(undo: () => unknown): void;
  /** A new empty directory, removed after the current test. */
  tempDir(prefix?: string): string;
  /** Undoes everything now: benches, where Vitest runs no afterEach, call it themselves. */
  flush(): Promise<void>;
}

export function useTestCleanup(): TestCleanup {
  const pending: Array<() => unknown> = [];
  const flush = async () => {
    for (const undo of pending.splice(0).reverse()) await undo();
  };
  afterEach(flush);
  const defer = (undo: () => unknown) => {
    pending.push(undo);
  };
  return {
    defer,
    flush,
    tempDir(prefix = "gl-test-") {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      defer(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}
