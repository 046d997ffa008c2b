"use client";
// Where the payment gateway sends the subscriber back after paying. The invoice is marked
// paid by the gateway's signed webhook, not by this page: it waits until that has arrived.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, ButtonLink, Card, PageHeader, Spinner } from "@/components/ui";

const WAIT_MS = 90_000;

export function PaymentReturnPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessionId = useSearchParams().get("session_id") ?? "";
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const status = useQuery({
    ...trpc.payments.checkoutStatus.queryOptions({ sessionId }),
    enabled: sessionId.length > 0,
    refetchInterval: (q) => (q.state.data?.status === "OPEN" && !timedOut ? 1000 : false),
  });
  const done = status.data?.status === "COMPLETED";
  // Balances and invoice lists elsewhere in the portal are stale once the payment landed.
  useEffect(() => {
    if (!done) return;
    void queryClient.invalidateQueries({ queryKey: trpc.billing.portal.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.subscribers.portal.overview.queryKey() });
  }, [done, queryClient, trpc]);

  const header = <PageHeader title="Payment" breadcrumbs={[{ label: "My account", href: "/portal" }]} />;
  if (!sessionId)
    return (
      <div className="stack">
        {header}
        <Alert tone="danger">This link has no payment reference. Open your invoices to see what is paid.</Alert>
        <ButtonLink href="/portal/invoices">Your invoices</ButtonLink>
      </div>
    );
  if (status.error)
    return (
      <div className="stack">
        {header}
        <Alert tone="danger">{errorMessage(status.error)}</Alert>
        <ButtonLink href="/portal/invoices">Your invoices</ButtonLink>
      </div>
    );
  const s = status.data;
  const invoiceHref = s ? `/portal/invoices/${s.invoiceId}` : "/portal/invoices";
  return (
    <div className="stack">
      {header}
      <Card>
        {done && s ? (
          <div className="stack">
            <Alert tone="success" title="Payment received">
              Thank you! Invoice {s.invoiceNumber} is {s.invoiceStatus === "PAID" ? "paid" : "updated"}. A receipt is on
              its way to your email.
            </Alert>
            <div className="row">
              <ButtonLink href={invoiceHref} variant="primary">
                View invoice {s.invoiceNumber}
              </ButtonLink>
              <ButtonLink href="/portal">Back to my account</ButtonLink>
            </div>
          </div>
        ) : s?.status === "EXPIRED" ? (
          <div className="stack">
            <Alert tone="warning" title="This payment was not completed">
              The checkout expired before it was paid. Nothing was charged.
            </Alert>
            <ButtonLink href={invoiceHref}>Try again</ButtonLink>
          </div>
        ) : timedOut && s ? (
          <div className="stack">
            <Alert tone="info" title="Still waiting for the confirmation">
              Your bank may take a few minutes to confirm. You do not need to pay again: the invoice updates by itself
              once the confirmation arrives.
            </Alert>
            <ButtonLink href={invoiceHref}>View invoice {s.invoiceNumber}</ButtonLink>
          </div>
        ) : (
          <div className="row" role="status">
            <Spinner />
            <span>Confirming your payment with the payment provider…</span>
          </div>
        )}
      </Card>
    </div>
  );
}
