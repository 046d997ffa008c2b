"use client";
// A new lead's form body, the same for the sales team and partners: contact, the home's address
// (located and checked for serviceability on save) and notes, with the submit button. The page
// adds its own fields beside the contact (source and owner; the sub-partner who brought it).
import type { ReactNode } from "react";
import { AddressFields, type AddressForm } from "@/components/address-fields";
import { Alert, Button, Card, Field, FormActions, Input, Textarea } from "@/components/ui";

export type LeadContact = { name: string; email: string; phone: string; notes: string };

export const EMPTY_LEAD_CONTACT: LeadContact = { name: "", email: "", phone: "", notes: "" };

/** The address to send: none when only the country (preset) is filled in. */
export function addressIfGiven(address: AddressForm): AddressForm | undefined {
  return Object.entries(address).some(([k, v]) => k !== "country" && v.trim()) ? address : undefined;
}

export function LeadFields({
  contact,
  onContactChange,
  address,
  onAddressChange,
  errors,
  formError,
  extraFields,
  submitLabel,
  pending,
}: {
  contact: LeadContact;
  onContactChange: (next: LeadContact) => void;
  address: AddressForm;
  onAddressChange: (next: AddressForm) => void;
  /** Messages by field, from the server's validation. */
  errors: Record<string, string | undefined>;
  /** A refusal that belongs to no field. */
  formError?: string;
  extraFields?: ReactNode;
  submitLabel: string;
  pending: boolean;
}) {
  const set = (key: keyof LeadContact) => (e: { target: { value: string } }) =>
    onContactChange({ ...contact, [key]: e.target.value });
  return (
    <>
      <Card title="Contact">
        <div className="form-grid">
          <Field label="Name" required error={errors.name}>
            <Input value={contact.name} onChange={set("name")} autoComplete="name" maxLength={200} />
          </Field>
          <Field label="Email" hint="An email or a phone number is needed" error={errors.email}>
            <Input type="email" value={contact.email} onChange={set("email")} autoComplete="email" />
          </Field>
          <Field label="Phone" error={errors.phone}>
            <Input type="tel" value={contact.phone} onChange={set("phone")} autoComplete="tel" />
          </Field>
          {extraFields}
        </div>
      </Card>
      <Card title="The home to connect">
        <AddressFields value={address} onChange={onAddressChange} errors={errors} required={false} />
      </Card>
      <Card title="Notes">
        <Field label="Notes">
          <Textarea rows={3} value={contact.notes} onChange={set("notes")} maxLength={4000} />
        </Field>
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <FormActions>
          <Button type="submit" variant="primary" loading={pending}>
            {submitLabel}
          </Button>
        </FormActions>
      </Card>
    </>
  );
}
