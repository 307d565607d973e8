// The eCom export formats by name and nothing more: the dashboard's browser bundle reads this
// list (subpath `@greenloop/order-sync/csv/format-names`), so it imports nothing. The descriptors
// in `index.ts` are typed against it.

/** The built-in formats, in the order auto-detection tries them. */
export const ecomExportFormatNames = ["ecwid", "shopify"] as const;
export type EcomExportFormatName = (typeof ecomExportFormatNames)[number];

/** What a user picks from: a format, or "auto" to recognise it from the file's header row. */
export const ecomExportFormatChoices = ["auto", ...ecomExportFormatNames] as const;
export type EcomExportFormatChoice = (typeof ecomExportFormatChoices)[number];

/** How a person picks each choice (the dashboard's upload form). */
export const ecomExportFormatTitles: { readonly [Choice in EcomExportFormatChoice]: string } = {
  auto: "Detect (E-Series or Shopify)",
  ecwid: "Lightspeed eCom (E-Series) export",
  shopify: "Shopify export",
};
