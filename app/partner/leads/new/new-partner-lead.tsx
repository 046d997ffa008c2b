"use client";
// A partner registers a lead: contact and the home's address (located and checked for
// serviceability on save); the lead is the partner's, or one of its sub-partners'.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type AddressForm, EMPTY_ADDRESS } from "@/components/address-fields";
import { addressIfGiven, EMPTY_LEAD_CONTACT, LeadFields } from "@/components/lead-fields";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Field, PageHeader, Select } from "@/components/ui";

export function NewPartnerLead() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const dashboard = useQuery(trpc.partners.portal.dashboard.queryOptions());
  const partners = useQuery(trpc.partners.portal.partners.queryOptions());
  const [contact, setContact] = useState(EMPTY_LEAD_CONTACT);
  const [partnerId, setPartnerId] = useState("");
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...contact, partnerId: partnerId || null, address: addressIfGiven(address) });
  };
  const subPartners = (partners.data ?? []).filter((p) => p.id !== dashboard.data?.partner.id);
  return (
    <div className="stack">
      <PageHeader
        title="New lead"
        breadcrumbs={[{ label: "Leads and quotes", href: "/partner/leads" }, { label: "New lead" }]}
      />
      <form onSubmit={submit} className="stack" noValidate>
        <LeadFields
          contact={contact}
          onContactChange={setContact}
          address={address}
          onAddressChange={setAddress}
          errors={errors}
          formError={create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : undefined}
          submitLabel="Register lead"
          pending={create.isPending}
          extraFields={
            subPartners.length ? (
              <Field label="Brought by" error={errors.partnerId}>
                <Select
                  value={partnerId}
                  onChange={(e) => setPartnerId(e.target.value)}
                  placeholder={dashboard.data?.partner.name ?? "Your organisation"}
                  options={subPartners.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Field>
            ) : null
          }
        />
      </form>
    </div>
  );
}
