"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Checkbox, Field, FormActions, Input, PageHeader, Select } from "@/components/ui";
import { AddressFields, EMPTY_ADDRESS, toAddressInput } from "../address-fields";

export function NewCustomerPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ kind: "PERSON", name: "", companyName: "", email: "", phone: "", taxId: "" });
  const [billing, setBilling] = useState(EMPTY_ADDRESS);
  const [sameAddress, setSameAddress] = useState(true);
  const [service, setService] = useState(EMPTY_ADDRESS);
  const create = useMutation(
    trpc.customers.create.mutationOptions({ onSuccess: (c) => router.push(`/noc/customers/${c.id}`) }),
  );
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b = toAddressInput(billing);
    create.mutate({
      kind: form.kind as "PERSON" | "BUSINESS",
      name: form.name,
      companyName: form.companyName || null,
      taxId: form.taxId || null,
      email: form.email,
      phone: form.phone || null,
      billingLine1: b.line1,
      billingLine2: b.line2,
      billingCity: b.city,
      billingPostcode: b.postcode,
      billingCountry: b.country,
      serviceAddresses: [toAddressInput(sameAddress ? billing : service)],
    });
  };
  return (
    <div className="stack">
      <PageHeader
        title="New customer"
        breadcrumbs={[{ label: "Customers", href: "/noc/customers" }, { label: "New" }]}
      />
      <Card>
        <form className="stack" onSubmit={submit} noValidate>
          {create.error && !Object.keys(errors).length ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          <div className="form-grid">
            <Field label="Type">
              <Select
                value={form.kind}
                onChange={set("kind")}
                options={[
                  { value: "PERSON", label: "Person" },
                  { value: "BUSINESS", label: "Business" },
                ]}
              />
            </Field>
            <Field label="Name" required error={errors.name}>
              <Input name="name" value={form.name} onChange={set("name")} />
            </Field>
            {form.kind === "BUSINESS" ? (
              <>
                <Field label="Company" error={errors.companyName}>
                  <Input name="companyName" value={form.companyName} onChange={set("companyName")} />
                </Field>
                <Field label="Tax id" error={errors.taxId}>
                  <Input name="taxId" value={form.taxId} onChange={set("taxId")} />
                </Field>
              </>
            ) : null}
            <Field label="Email" required error={errors.email}>
              <Input name="email" type="email" value={form.email} onChange={set("email")} />
            </Field>
            <Field label="Phone" error={errors.phone}>
              <Input name="phone" type="tel" value={form.phone} onChange={set("phone")} />
            </Field>
          </div>
          <h2 className="h3">Billing address</h2>
          <div className="form-grid">
            <AddressFields
              value={billing}
              onChange={setBilling}
              errors={{
                line1: errors.billingLine1,
                city: errors.billingCity,
                postcode: errors.billingPostcode,
                country: errors.billingCountry,
              }}
              prefix="billing-"
            />
          </div>
          <Checkbox
            label="Service is installed at the billing address"
            checked={sameAddress}
            onChange={(e) => setSameAddress(e.target.checked)}
          />
          {sameAddress ? null : (
            <>
              <h2 className="h3">Service address</h2>
              <div className="form-grid">
                <AddressFields value={service} onChange={setService} prefix="service-" />
              </div>
            </>
          )}
          <FormActions>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create customer
            </Button>
          </FormActions>
        </form>
      </Card>
    </div>
  );
}
