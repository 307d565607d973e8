// What the demo keeps between runs (beside its database): the simulated store's seed and start,
// and the secrets it made up, so a restart finds the same store, the same token and its data.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface DemoState {
  seed: number;
  /** The simulated store's clock started here on the first run; its history lies before it. */
  storeStartedAt: string;
  /** The operator token printed for the dashboard. */
  operatorToken: string;
  /** The secret in the webhook URL the simulated store posts to. */
  webhookPathSecret: string;
}

export async function loadOrCreateDemoState(
  dir: string,
  { seed, now }: { seed: number; now: Date },
): Promise<{ state: DemoState; created: boolean }> {
  const file = path.join(dir, "demo.json");
  try {
    const state = JSON.parse(await readFile(file, "utf8")) as DemoState;
    // Another seed is another store: the stored data would not match it.
    if (state.seed === seed) return { state, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const state: DemoState = {
    seed,
    storeStartedAt: now.toISOString(),
    operatorToken: `demo-operator-${randomBytes(18).toString("hex")}`,
    webhookPathSecret: randomBytes(18).toString("hex"),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return { state, created: true };
}
