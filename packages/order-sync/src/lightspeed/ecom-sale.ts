// Tells eCom-synced sales from in-store ones and finds their eCom order number. None of this is
// documented by Lightspeed; it follows what real API 2.0 sales show (ecom-csv.md §4.2, §4.4):
// `source` = "ecw:" + store id, `source_id` = eCom order number, `note` starting "Order ID:<number>".
// Invoice and receipt numbers are never used: they come from a register sequence and collide.

/** The fields recognition looks at; a parsed `Sale` or a raw API 2.0 sale object both fit. */
export interface EcomSaleFields {
  source?: string | null;
  source_id?: string | number | null;
  note?: string | null;
}

export type EcomSaleMatch =
  | { isEcom: false }
  | {
      isEcom: true;
      /** The eCom order number as text; `null` when the sale is eCom but carries no number. */
      orderNumber: string | null;
      /** Where `orderNumber` came from; `source` alone means only the `ecw:` prefix matched. */
      matchedBy: "source_id" | "note" | "source";
      /** Every piece of evidence found, so callers can judge and report disagreements. */
      evidence: {
        ecwSource: boolean;
        sourceId: string | null;
        noteOrderNumber: string | null;
      };
      /** The part of `source` after `ecw:` (the eCom store identifier), if any. */
      ecomStoreId: string | null;
    };

const ecwPrefix = "ecw:";
const noteOrderId = /^Order ID:\s*(\d+)/;

/** Recognises an eCom-synced sale: prefers `source_id` (with an `ecw:` source), then the note. */
export function recogniseEcomSale(sale: EcomSaleFields): EcomSaleMatch {
  const source = typeof sale.source === "string" ? sale.source.trim() : "";
  const ecwSource = source.toLowerCase().startsWith(ecwPrefix);
  const rawSourceId = sale.source_id;
  const sourceId =
    rawSourceId === null || rawSourceId === undefined || String(rawSourceId).trim() === ""
      ? null
      : String(rawSourceId).trim();
  const noteOrderNumber =
    typeof sale.note === "string" ? (noteOrderId.exec(sale.note.trimStart())?.[1] ?? null) : null;

  // A source_id alone is not eCom evidence: Shopify and other integrations fill it too.
  const orderFromSource = ecwSource ? sourceId : null;
  if (!ecwSource && noteOrderNumber === null) return { isEcom: false };

  const evidence = { ecwSource, sourceId, noteOrderNumber };
  const ecomStoreId = ecwSource ? source.slice(ecwPrefix.length) || null : null;
  if (orderFromSource !== null) {
    return {
      isEcom: true,
      orderNumber: orderFromSource,
      matchedBy: "source_id",
      evidence,
      ecomStoreId,
    };
  }
  if (noteOrderNumber !== null) {
    return { isEcom: true, orderNumber: noteOrderNumber, matchedBy: "note", evidence, ecomStoreId };
  }
  return { isEcom: true, orderNumber: null, matchedBy: "source", evidence, ecomStoreId };
}
