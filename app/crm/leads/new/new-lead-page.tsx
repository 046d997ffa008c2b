"use client";
// A lead taken on the phone or at the door: contact, the home's address (located and checked
// for serviceability on save), source and owner.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type AddressForm, EMPTY_ADDRESS } from "@/components/address-fields";
import { addressIfGiven, EMPTY_LEAD_CONTACT, LeadFields } from "@/components/lead-fields";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Field, PageHeader, Select } from "@/components/ui";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES } from "@/server/modules/crm/schemas";

export function NewLeadPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const owners = useQuery(trpc.crm.owners.queryOptions());
  const [contact, setContact] = useState(EMPTY_LEAD_CONTACT);
  const [source, setSource] = useState("PHONE");
  const [ownerId, setOwnerId] = useState("");
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      ...contact,
      source: source as (typeof LEAD_SOURCES)[number],
      ownerId: ownerId || null,
      address: addressIfGiven(address),
    });
  };
  return (
    <div className="stack">
      <PageHeader title="New lead" breadcrumbs={[{ label: "Sales pipeline", href: "/crm" }, { label: "New lead" }]} />
      <form onSubmit={submit} className="stack" noValidate>
        <LeadFields
          contact={contact}
          onContactChange={setContact}
          address={address}
          onAddressChange={setAddress}
          errors={errors}
          formError={create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : undefined}
          submitLabel="Create lead"
          pending={create.isPending}
          extraFields={
            <>
              <Field label="Source">
                <Select
                  value={source}
                  onChange={(e) => setSource(e.target.value)}
                  options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))}
                />
              </Field>
              <Field label="Owner">
                <Select
                  value={ownerId}
                  onChange={(e) => setOwnerId(e.target.value)}
                  placeholder="Nobody yet"
                  options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Field>
            </>
          }
        />
      </form>
    </div>
  );
}
