// Counts and shares in the browser's locale.

/** "12,345"; "—" for none. */
export function formatCount(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share 0…1 as "12.3%"; "—" for none. */
export function formatShare(
  value: number | null | undefined,
  { locale, digits = 1 }: { locale?: string; digits?: number } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A plain number with at most `digits` decimals ("0.42"); "—" for none. */
export function formatDecimal(
  value: number | null | undefined,
  { locale, digits = 2 }: { locale?: string; digits?: number } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
