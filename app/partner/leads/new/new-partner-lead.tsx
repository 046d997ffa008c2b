"use client";
// A partner registers a lead: contact and the home's address (located and checked for
// serviceability on save); the lead is the partner's, or one of its sub-partners'.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { AddressFields, type AddressForm, EMPTY_ADDRESS } from "@/app/crm/address-fields";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Field, FormActions, Input, PageHeader, Select, Textarea } from "@/components/ui";

export function NewPartnerLead() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const dashboard = useQuery(trpc.partners.portal.dashboard.queryOptions());
  const partners = useQuery(trpc.partners.portal.partners.queryOptions());
  const [form, setForm] = useState({ name: "", email: "", phone: "", partnerId: "", notes: "" });
  const [address, setAddress] = useState<AddressForm>({ ...EMPTY_ADDRESS });
  const create = useMutation(
    trpc.partners.portal.createLead.mutationOptions({
      onSuccess: (lead) => {
        toast.success(
          lead.duplicateOfNumber
            ? `Lead L-${lead.number} registered: possibly the same person as L-${lead.duplicateOfNumber}`
            : `Lead L-${lead.number} registered`,
        );
        router.push(`/partner/leads/${lead.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const hasAddress = Object.entries(address).some(([k, v]) => k !== "country" && v.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, partnerId: form.partnerId || null, address: hasAddress ? address : undefined });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const subPartners = (partners.data ?? []).filter((p) => p.id !== dashboard.data?.partner.id);
  return (
    <div className="stack">
      <PageHeader
        title="New lead"
        breadcrumbs={[{ label: "Leads and quotes", href: "/partner/leads" }, { label: "New lead" }]}
      />
      <form onSubmit={submit} className="stack" noValidate>
        <Card title="Contact">
          <div className="form-grid">
            <Field label="Name" required error={errors.name}>
              <Input value={form.name} onChange={set("name")} autoComplete="name" maxLength={200} />
            </Field>
            <Field label="Email" hint="An email or a phone number is needed" error={errors.email}>
              <Input type="email" value={form.email} onChange={set("email")} autoComplete="email" />
            </Field>
            <Field label="Phone" error={errors.phone}>
              <Input type="tel" value={form.phone} onChange={set("phone")} autoComplete="tel" />
            </Field>
            {subPartners.length ? (
              <Field label="Brought by" error={errors.partnerId}>
                <Select
                  value={form.partnerId}
                  onChange={set("partnerId")}
                  placeholder={dashboard.data?.partner.name ?? "Your organisation"}
                  options={subPartners.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Field>
            ) : null}
          </div>
        </Card>
        <Card title="The home to connect">
          <AddressFields value={address} onChange={setAddress} errors={errors} required={false} />
        </Card>
        <Card title="Notes">
          <Field label="Notes">
            <Textarea rows={3} value={form.notes} onChange={set("notes")} maxLength={4000} />
          </Field>
          {create.error && Object.keys(errors).length === 0 ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          <FormActions>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Register lead
            </Button>
          </FormActions>
        </Card>
      </form>
    </div>
  );
}
