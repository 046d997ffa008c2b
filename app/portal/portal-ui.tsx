"use client";
// Pieces the portal pages share: the "Pay" button (opens the gateway's hosted checkout), the
// PDF link, the invoice status badge and byte formatting.
import { useMutation } from "@tanstack/react-query";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Badge, Button, type ButtonVariant, Money, StatusBadge } from "@/components/ui";

/** Starts a card checkout for the invoice's open amount and sends the browser to it. */
export function PayButton({
  invoiceId,
  amountMinor,
  currency,
  label = "Pay now",
  variant = "primary",
  size,
}: {
  invoiceId: string;
  amountMinor: number;
  currency?: string;
  label?: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const checkout = useMutation(
    trpc.payments.checkout.mutationOptions({
      onSuccess: (session) => window.location.assign(session.url),
      onError: toast.error,
    }),
  );
  // Stays busy after success too: the browser is on its way to the gateway.
  const busy = checkout.isPending || checkout.isSuccess;
  return (
    <Button variant={variant} size={size} loading={busy} onClick={() => checkout.mutate({ invoiceId })}>
      {busy ? (
        "Opening secure payment…"
      ) : (
        <>
          {label} <Money amount={amountMinor} currency={currency} />
        </>
      )}
    </Button>
  );
}

export function PdfLink({
  invoiceId,
  number,
  className,
}: {
  invoiceId: string;
  number: string | null;
  className?: string;
}) {
  return (
    <a
      href={`/portal/invoices/${invoiceId}/pdf`}
      className={className ?? "btn btn-secondary btn-sm"}
      download
      aria-label={`Download invoice ${number ?? ""} as PDF`}
    >
      PDF
    </a>
  );
}

export function InvoiceStatus({ status, overdue }: { status: string; overdue?: boolean }) {
  if (overdue && (status === "ISSUED" || status === "PARTIALLY_PAID")) return <Badge tone="warning">Overdue</Badge>;
  if (status === "ISSUED") return <Badge tone="info">Open</Badge>;
  return <StatusBadge status={status} />;
}

export function isOverdue(inv: { status: string; dueDate: Date | string | null }, today = new Date()) {
  if (inv.status !== "ISSUED" && inv.status !== "PARTIALLY_PAID") return false;
  if (!inv.dueDate) return false;
  return new Date(inv.dueDate).toISOString().slice(0, 10) < today.toISOString().slice(0, 10);
}

/** Bytes as decimal gigabytes (what ISPs bill: 1 GB = 10⁹ bytes). */
export function formatGb(bytes: number, locale = "en") {
  const gb = bytes / 1e9;
  const digits = gb >= 100 ? 0 : gb >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(gb)} GB`;
}

export function formatSpeed(kbps: number) {
  return kbps >= 1_000_000 ? `${kbps / 1_000_000} Gbit/s` : `${Math.round(kbps / 1000)} Mbit/s`;
}
