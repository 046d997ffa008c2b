"use client";
// The public availability check and sign-up: the visitor types their address, sees whether we
// can connect it and which plans are sold there, and leaves their details. A field hidden from
// people (the honeypot) catches form-filling bots; no third-party captcha.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AddressFields, type AddressForm, EMPTY_ADDRESS } from "@/components/address-fields";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Checkbox, Field, FormActions, Input, Money, Select } from "@/components/ui";

export function AvailabilityForm({ tenant, brandName }: { tenant: string; brandName: string }) {
  const trpc = useTRPC();
  const [address, setAddress] = useState<AddressForm>({ ...EMPTY_ADDRESS });
  const [contact, setContact] = useState({ name: "", email: "", phone: "", planId: "", website: "" });
  const [consent, setConsent] = useState(false);
  const check = useMutation(trpc.crm.public.availability.mutationOptions());
  const signUp = useMutation(trpc.crm.public.signUp.mutationOptions());
  const checkErrors = fieldErrors(check.error);
  const errors = fieldErrors(signUp.error);
  const result = check.data;

  if (signUp.isSuccess)
    return (
      <Alert tone="success" title="Thank you">
        We have your details and will be in touch about {address.streetName} {address.streetNr} shortly.
      </Alert>
    );

  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    check.mutate({ tenant, address });
  };
  const onSignUp = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate({
      tenant,
      address,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      planId: contact.planId || null,
      consent: consent as true,
      website: contact.website,
    });
  };
  const set = (key: keyof typeof contact) => (e: { target: { value: string } }) =>
    setContact((c) => ({ ...c, [key]: e.target.value }));
  return (
    <div className="stack">
      <form onSubmit={onCheck} className="stack-sm" noValidate aria-label="Check your address">
        <AddressFields value={address} onChange={setAddress} errors={checkErrors} />
        {check.error && Object.keys(checkErrors).length === 0 ? (
          <Alert tone="danger">{errorMessage(check.error)}</Alert>
        ) : null}
        <FormActions>
          <Button type="submit" variant="primary" loading={check.isPending}>
            Check availability
          </Button>
        </FormActions>
      </form>
      {result ? (
        <section aria-live="polite" className="stack-sm">
          <Alert
            tone={
              result.status === "SERVICEABLE"
                ? "success"
                : result.status === "SERVICEABLE_WITH_BUILD"
                  ? "warning"
                  : "info"
            }
            title={result.address}
          >
            {result.reason}
          </Alert>
          {result.plans.length ? (
            <ul className="list-plain stack-sm" aria-label="Plans available at this address">
              {result.plans.map((p) => (
                <li key={p.id} className="card card-body">
                  <strong>{p.name}</strong> — {Math.round(p.downloadKbps / 1000)}/{Math.round(p.uploadKbps / 1000)}{" "}
                  Mbit/s, <Money amount={p.priceMinor} currency={p.currency} /> a month
                  {p.setupFeeMinor ? (
                    <>
                      {" "}
                      (installation <Money amount={p.setupFeeMinor} currency={p.currency} />)
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          <form onSubmit={onSignUp} className="stack-sm" noValidate aria-label="Leave your details">
            <h2>{result.plans.length ? `Get ${brandName} fibre` : "Tell me when it is available"}</h2>
            <div className="form-grid">
              <Field label="Your name" required error={errors.name}>
                <Input value={contact.name} onChange={set("name")} autoComplete="name" maxLength={200} />
              </Field>
              <Field label="Email" required error={errors.email}>
                <Input type="email" value={contact.email} onChange={set("email")} autoComplete="email" />
              </Field>
              <Field label="Phone" error={errors.phone}>
                <Input type="tel" value={contact.phone} onChange={set("phone")} autoComplete="tel" />
              </Field>
              {result.plans.length ? (
                <Field label="Plan you are interested in">
                  <Select
                    value={contact.planId}
                    onChange={set("planId")}
                    placeholder="Not sure yet"
                    options={result.plans.map((p) => ({ value: p.id, label: p.name }))}
                  />
                </Field>
              ) : null}
            </div>
            {/* The honeypot: hidden from people and assistive technology; bots fill it in. */}
            <div
              aria-hidden="true"
              style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}
            >
              <label>
                Website
                <input
                  tabIndex={-1}
                  autoComplete="off"
                  value={contact.website}
                  onChange={set("website")}
                  name="website"
                />
              </label>
            </div>
            <Checkbox
              label={`${brandName} may contact me about connecting this address`}
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
            />
            {errors.consent ? <p className="field-error">{errors.consent}</p> : null}
            {signUp.error && Object.keys(errors).length === 0 ? (
              <Alert tone="danger">{errorMessage(signUp.error)}</Alert>
            ) : null}
            <FormActions>
              <Button type="submit" variant="primary" loading={signUp.isPending}>
                Send my details
              </Button>
            </FormActions>
          </form>
        </section>
      ) : null}
    </div>
  );
}
