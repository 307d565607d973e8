// What a client still sends after its request was answered (a 413 for an oversized body, a 401
// before reading) is read and dropped, so the client can finish sending and then read the answer:
// closing the connection instead resets it, and a client that reads only after sending (many do)
// sees "connection reset" instead of the status. Past a cap the connection is closed after all.
import type { IncomingMessage } from "node:http";

/** Bytes of an unread body dropped after the answer before the connection is closed. */
export const MAX_DISCARDED_BODY_BYTES = 128 * 1024 * 1024;

export function discardUnreadBody(
  incoming: IncomingMessage,
  maxBytes = MAX_DISCARDED_BODY_BYTES,
): void {
  if (incoming.readableEnded || incoming.destroyed) return;
  // The handler's own reader (a web stream over the request) would buffer what follows: only
  // this listener gets it now, as Node's own dump of an unread body does.
  incoming.removeAllListeners("data");
  let discarded = 0;
  incoming.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) incoming.socket?.destroy();
  });
  incoming.resume();
}
