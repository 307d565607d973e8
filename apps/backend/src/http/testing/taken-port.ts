// A port on 127.0.0.1 that something else already listens on, for tests of "the port is taken".

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import type { TestCleanup } from "@greenloop/db/testing";

/** Binds a free port on 127.0.0.1 and keeps it bound until the test ends. */
export async function takePort(cleanup: TestCleanup): Promise<number> {
  const holder = createServer();
  await new Promise<void>((resolve, reject) => {
    holder.once("error", reject);
    holder.listen(0, "127.0.0.1", resolve);
  });
  cleanup.defer(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  return (holder.address() as AddressInfo).port;
}
