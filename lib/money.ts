// Money as people read and type it, in integer minor units of an ISO 4217 currency. Pure code
// shared by the browser (forms, tables) and the server (invoices, emails): lib/ holds only code
// that needs neither the server nor the DOM.

/** Number of minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "€12.34" style text for an amount in minor units. */
export function formatMoney(minor: number | bigint, currency: string, locale = "en"): string {
  const digits = currencyDigits(currency);
  const value = Number(minor) / 10 ** digits;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Parses "12.34" (major units, as typed by a person) into minor units, exactly. */
export function parseMajor(text: string, currency: string): number {
  const digits = currencyDigits(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not an amount`);
  const frac = (m[3] ?? "").padEnd(digits, "0");
  if (frac.length > digits) throw new Error(`${currency} has ${digits} decimal places`);
  const minor = Number(m[2]) * 10 ** digits + (digits ? Number(frac) : 0);
  return m[1] ? -minor : minor;
}
