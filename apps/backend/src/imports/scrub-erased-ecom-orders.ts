// The import's side of an erasure: eCom orders about to be written whose stored copy was erased,
// or that carry an erased email or phone, are scrubbed before they are hashed against the stored
// copies (see redaction/).
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import {
  type ErasedItemsClient,
  erasableIdentifiersOf,
  findErasedItems,
} from "../redaction/erased-identifiers";
import { scrubEcomOrder } from "../redaction/redact-records";
import { hashEcomOrder } from "./ecom-order-hash";

export interface ErasableEcomOrder {
  order: ParsedEcomOrder;
  contentHash: string;
}

/**
 * eCom orders about to be imported: an order whose stored copy was erased, or that carries an
 * erased email or phone, is scrubbed and re-hashed. A re-import of an erased order then hashes
 * like the stored copy and counts as unchanged. `stored` is what `readStoredHashes` returned.
 */
export async function scrubErasedEcomOrders<T extends ErasableEcomOrder>(
  client: ErasedItemsClient,
  chunk: T[],
  stored: ReadonlyMap<string, { erasureId: string | null }>,
): Promise<T[]> {
  const byContact = await findErasedItems(client, chunk, (prepared) =>
    erasableIdentifiersOf({ email: prepared.order.email, phones: [prepared.order.phone] }),
  );
  let scrubbed: T[] | null = null;
  chunk.forEach((prepared, index) => {
    const erasureId =
      stored.get(prepared.order.orderNumber)?.erasureId ?? byContact.get(prepared) ?? null;
    if (erasureId === null) return;
    const order = scrubEcomOrder(prepared.order, erasureId);
    scrubbed ??= [...chunk];
    scrubbed[index] = { ...prepared, order, contentHash: hashEcomOrder(order) };
  });
  return scrubbed ?? chunk;
}
