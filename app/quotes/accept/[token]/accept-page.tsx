"use client";
// The customer reviews their quote (lines, totals, the PDF), types their name, ticks consent and
// may draw a signature; we record it with their IP, browser, time and the PDF's SHA-256. An
// expired, superseded or tampered link shows what happened and changes nothing.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, type PointerEvent, useRef, useState } from "react";
import styles from "@/app/crm/crm.module.css";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Checkbox, Field, FormActions, Input, Money } from "@/components/ui";

const CLOSED: Record<string, { title: string; body: string }> = {
  EXPIRED: {
    title: "This quote has expired",
    body: "Its validity has ended, so it can no longer be accepted. Reply to the email and we will send you a new one.",
  },
  SUPERSEDED: {
    title: "This quote is no longer valid",
    body: "It was replaced by a newer quote or withdrawn. Use the link in our latest email.",
  },
  INVALID: {
    title: "This link is not valid",
    body: "It may have been copied incompletely or changed. Open the link from our email again.",
  },
};

export function AcceptQuotePage({ token }: { token: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.quotes.public.view.queryOptions({ token }, { retry: false }));
  const accept = useMutation(trpc.quotes.public.accept.mutationOptions({ onSuccess: () => view.refetch() }));
  const [name, setName] = useState("");
  const [consent, setConsent] = useState(false);
  const [strokes, setStrokes] = useState<string[]>([]);
  const drawing = useRef<string | null>(null);
  const errors = fieldErrors(accept.error);

  if (view.error) return <Alert tone="danger">{errorMessage(view.error)}</Alert>;
  if (!view.data) return <p className="muted">Loading your quote…</p>;
  const v = view.data;
  const refused = accept.data && accept.data.state !== "ACCEPTED" ? accept.data.state : null;
  if (v.state === "INVALID" || refused) return <Closed state={refused ?? "INVALID"} />;
  const q = v.quote;
  const money = (minor: number) => <Money amount={minor} currency={q.currency} />;

  const point = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return `${Math.round(((e.clientX - box.left) / box.width) * 480)},${Math.round(((e.clientY - box.top) / box.height) * 140)}`;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate({
      token,
      name,
      consent: consent as true,
      signature: strokes.length
        ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 140">${strokes.map((d) => `<path d="${d}" fill="none" stroke="black" stroke-width="2"/>`).join("")}</svg>`
        : undefined,
    });
  };

  return (
    <div className="stack">
      <header style={{ borderTop: `6px solid ${v.brand.primaryColor}`, paddingTop: 12 }}>
        <p style={{ color: v.brand.primaryColor, fontWeight: 700, margin: 0 }}>{v.brand.name}</p>
        <h1>Quote {q.number}</h1>
      </header>
      {v.state === "EXPIRED" || v.state === "SUPERSEDED" ? <Closed state={v.state} /> : null}
      <table className="table">
        <caption className="sr-only">Quote lines</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {q.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.quantity > 1 ? `${l.quantity} × ` : ""}
                {l.description} <span className="muted small">{l.recurring ? "monthly" : "once"}</span>
              </td>
              <td className="num">{money(l.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">
              Per month (tax {q.taxBasisPoints / 100}% {q.pricesIncludeTax ? "included" : "added"})
            </th>
            <td className="num">
              <strong>{money(q.monthly.grossMinor)}</strong>
            </td>
          </tr>
          <tr>
            <th scope="row">Once</th>
            <td className="num">
              <strong>{money(q.oneOff.grossMinor)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p>
        <a href={`/quotes/accept/${encodeURIComponent(token)}/pdf`} target="_blank" rel="noreferrer">
          Open the quote as PDF
        </a>
        {q.expiresAt ? (
          <span className="muted"> · valid until {new Date(q.expiresAt).toLocaleDateString(v.brand.locale)}</span>
        ) : null}
      </p>
      {v.state === "ACCEPTED" ? (
        <Alert tone="success" title="Accepted — thank you">
          {v.acceptedBy
            ? `Accepted by ${v.acceptedBy.name} on ${new Date(v.acceptedBy.at).toLocaleString(v.brand.locale)}. `
            : ""}
          We will contact you to book the installation.
        </Alert>
      ) : v.state === "OPEN" ? (
        <form onSubmit={submit} className="stack-sm card card-body" noValidate aria-label="Accept the quote">
          <Field label="Type your full name to sign" required error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={200} />
          </Field>
          <div className="stack-sm">
            <span className="field-label" id="signature-label">
              Draw your signature (optional)
            </span>
            <svg
              className={styles.signature}
              viewBox="0 0 480 140"
              role="img"
              aria-labelledby="signature-label"
              onPointerDown={(e) => {
                e.currentTarget.setPointerCapture(e.pointerId);
                drawing.current = `M${point(e)}`;
                setStrokes((s) => [...s, drawing.current as string]);
              }}
              onPointerMove={(e) => {
                if (!drawing.current) return;
                drawing.current += ` L${point(e)}`;
                const d = drawing.current;
                setStrokes((s) => [...s.slice(0, -1), d]);
              }}
              onPointerUp={() => {
                drawing.current = null;
              }}
            >
              {strokes.map((d, i) => (
                <path key={i} d={d} fill="none" stroke="black" strokeWidth={2} />
              ))}
            </svg>
            {strokes.length ? (
              <Button size="sm" variant="ghost" onClick={() => setStrokes([])}>
                Clear signature
              </Button>
            ) : null}
          </div>
          <Checkbox label={v.consentText} checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {errors.consent ? <p className="field-error">{errors.consent}</p> : null}
          {accept.error && !errors.name && !errors.consent ? (
            <Alert tone="danger">{errorMessage(accept.error)}</Alert>
          ) : null}
          <p className="small muted">
            We record your name, the time, your IP address and browser, and a fingerprint (SHA-256) of the PDF you are
            accepting.
          </p>
          <FormActions>
            <Button type="submit" variant="primary" loading={accept.isPending}>
              Accept quote
            </Button>
          </FormActions>
        </form>
      ) : null}
    </div>
  );
}

function Closed({ state }: { state: string }) {
  const c = CLOSED[state] ?? CLOSED.INVALID;
  return (
    <Alert tone="warning" title={c.title}>
      {c.body}
    </Alert>
  );
}
