// Money arrives as an exact Decimal (superjson). It is formatted from its decimal text, which
// Intl.NumberFormat reads exactly: no float ever stands between the server's sum and the screen.

/** What the API's Decimals offer; a plain string of digits works too. */
export type MoneyValue = { toFixed(decimals: number): string } | string;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions) {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** The amount's exact decimal text with two decimals ("12.5" → "12.50"). */
export function moneyText(value: MoneyValue): `${number}` {
  const text = typeof value === "string" ? value.trim() : value.toFixed(2);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not a decimal amount: ${text}`);
  return text as `${number}`;
}

/** "$1,234.50" in the browser's locale (the store's currency is USD); "—" for none. */
export function formatMoney(
  value: MoneyValue | null | undefined,
  {
    locale,
    currency = "USD",
    compact = false,
  }: { locale?: string; currency?: string; compact?: boolean } = {},
): string {
  if (value === null || value === undefined) return "—";
  const options: Intl.NumberFormatOptions = compact
    ? {
        style: "currency",
        currency,
        notation: "compact",
        minimumFractionDigits: 0,
        maximumFractionDigits: 1,
      }
    : { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return formatter(locale, options).format(moneyText(value));
}

/** A Decimal as a number, only to place it on a chart (never to add amounts up). */
export function moneyToPlot(value: MoneyValue | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(moneyText(value));
}

/** A chart axis tick in money ("$12K"): an axis position, not an amount anyone added up. */
export function formatMoneyTick(
  value: number,
  { locale, currency = "USD" }: { locale?: string; currency?: string } = {},
): string {
  return formatter(locale, {
    style: "currency",
    currency,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}
