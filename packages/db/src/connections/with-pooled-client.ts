// A client checked out of the pg pool for a piece of work. While it is out, the pool no longer
// listens for its errors: a server that goes away (restart, outage) makes the client emit an
// `error` event, and an unheard one kills the process. So every checkout listens, and a client
// that failed is destroyed on release instead of going back to the pool.
import type pg from "pg";

export async function withPooledClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, markUnusable: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let unusable: Error | undefined;
  const markUnusable = (error: Error) => {
    unusable ??= error;
  };
  client.on("error", markUnusable);
  try {
    return await work(client, markUnusable);
  } finally {
    client.off("error", markUnusable);
    client.release(unusable);
  }
}
