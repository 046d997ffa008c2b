"use client";
// A lead taken on the phone or at the door: contact, the home's address (located and checked
// for serviceability on save), source and owner.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Field, FormActions, Input, PageHeader, Select, Textarea } from "@/components/ui";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES } from "@/server/modules/crm/schemas";
import { AddressFields, type AddressForm, EMPTY_ADDRESS } from "../../address-fields";

export function NewLeadPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const owners = useQuery(trpc.crm.owners.queryOptions());
  const [form, setForm] = useState({ name: "", email: "", phone: "", source: "PHONE", ownerId: "", notes: "" });
  const [address, setAddress] = useState<AddressForm>({ ...EMPTY_ADDRESS });
  const create = useMutation(
    trpc.crm.create.mutationOptions({
      onSuccess: (lead) => {
        toast.success(
          lead.duplicateOfNumber
            ? `Lead L-${lead.number} created: possible duplicate of L-${lead.duplicateOfNumber}`
            : `Lead L-${lead.number} created`,
        );
        router.push(`/crm/leads/${lead.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const hasAddress = Object.entries(address).some(([k, v]) => k !== "country" && v.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      ...form,
      source: form.source as (typeof LEAD_SOURCES)[number],
      ownerId: form.ownerId || null,
      address: hasAddress ? address : undefined,
    });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <div className="stack">
      <PageHeader title="New lead" breadcrumbs={[{ label: "Sales pipeline", href: "/crm" }, { label: "New lead" }]} />
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
            <Field label="Source">
              <Select
                value={form.source}
                onChange={set("source")}
                options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))}
              />
            </Field>
            <Field label="Owner">
              <Select
                value={form.ownerId}
                onChange={set("ownerId")}
                placeholder="Nobody yet"
                options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Field>
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
              Create lead
            </Button>
          </FormActions>
        </Card>
      </form>
    </div>
  );
}
