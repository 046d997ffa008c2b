// Labels shared by the billing pages.
export const INVOICE_STATUS_OPTIONS = [
  { value: "OPEN", label: "Open (issued, unpaid)" },
  { value: "OVERDUE", label: "Overdue" },
  { value: "DRAFT", label: "Draft" },
  { value: "ISSUED", label: "Issued" },
  { value: "PARTIALLY_PAID", label: "Partially paid" },
  { value: "PAID", label: "Paid" },
  { value: "VOID", label: "Void" },
];

export const INVOICE_KIND_OPTIONS = [
  { value: "cycle", label: "Billing run" },
  { value: "final", label: "Final" },
  { value: "manual", label: "Manual" },
  { value: "charges", label: "Charges after the end" },
];

export const METHOD_LABELS: Record<string, string> = {
  CASH: "Cash",
  BANK_TRANSFER: "Bank transfer",
  CARD: "Card",
  CREDIT_BALANCE: "Credit balance",
};

/** "2026-06-01" → the date as stored (UTC calendar day), no timezone shift. */
export function day(value: Date | string | null | undefined) {
  if (!value) return "—";
  const d = value instanceof Date ? value : new Date(value);
  return d.toISOString().slice(0, 10);
}

/** The last day of a [start, end) period. */
export function lastDay(end: Date | string | null | undefined) {
  if (!end) return "—";
  const d = end instanceof Date ? end : new Date(end);
  return new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10);
}
