// What the ingestion paths (webhook worker, poller) hand to the merge step: the ids of mirror rows
// that actually changed, so the merge re-examines only those.

export interface RetailChanges {
  sales: string[];
  customers: string[];
}

export type OnRetailChanges = (changes: RetailChanges) => Promise<void>;
