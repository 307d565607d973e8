// The seam between the eCom import and the merge step: after each committed batch, the order
// numbers that were created or changed (never the unchanged ones), so the merge re-examines only
// those. A failure here does not undo the import; the merge can always re-read EcomOrder.

export type OnEcomOrdersChanged = (orderNumbers: string[]) => Promise<void>;
