"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { AddressFields, EMPTY_ADDRESS, toAddressInput } from "../address-fields";

export function CustomerPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  const [edit, setEdit] = useState<null | { name: string; email: string; phone: string }>(null);
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: () => {
        toast.success("Customer saved");
        setEdit(null);
        refresh();
      },
    }),
  );
  const [address, setAddress] = useState(EMPTY_ADDRESS);
  const addAddress = useMutation(
    trpc.customers.addServiceAddress.mutationOptions({
      onSuccess: () => {
        toast.success("Service address added");
        setAddress(EMPTY_ADDRESS);
        refresh();
      },
    }),
  );
  const removeAddress = useMutation(
    trpc.customers.removeServiceAddress.mutationOptions({ onSuccess: refresh, onError: toast.error }),
  );
  const [contact, setContact] = useState({ name: "", role: "", email: "", phone: "" });
  const addContact = useMutation(
    trpc.customers.addContact.mutationOptions({
      onSuccess: () => {
        setContact({ name: "", role: "", email: "", phone: "" });
        refresh();
      },
    }),
  );
  const removeContact = useMutation(
    trpc.customers.removeContact.mutationOptions({ onSuccess: refresh, onError: toast.error }),
  );
  const invite = useMutation(
    trpc.customers.inviteToPortal.mutationOptions({
      onSuccess: (r) => toast.success(`Portal invitation sent to ${r.email}`),
      onError: toast.error,
    }),
  );

  if (customer.isLoading) return <Spinner label="Loading customer" />;
  if (customer.error || !customer.data)
    return <Alert tone="danger">{errorMessage(customer.error) || "Not found"}</Alert>;
  const c = customer.data;
  const updateErrors = fieldErrors(update.error);
  const saveEdit = (e: FormEvent) => {
    e.preventDefault();
    if (edit) update.mutate({ id, data: { name: edit.name, email: edit.email, phone: edit.phone || null } });
  };
  return (
    <div className="stack">
      <PageHeader
        title={c.name}
        breadcrumbs={[{ label: "Customers", href: "/noc/customers" }, { label: c.number }]}
        description={`${c.kind === "BUSINESS" ? "Business" : "Person"} · ${c.number}${c.companyName ? ` · ${c.companyName}` : ""}`}
        actions={
          <>
            <Button
              disabled={invite.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: `Invite ${c.name} to the portal?`,
                    body: `An invitation to create a portal account goes to ${c.email}.`,
                    confirmLabel: "Send invitation",
                  })
                )
                  invite.mutate({ customerId: c.id });
              }}
            >
              Invite to the portal
            </Button>
            <ButtonLink href={`/noc/subscribers/new?customerId=${c.id}`} variant="primary">
              Add service
            </ButtonLink>
          </>
        }
      />
      <div className="grid-2">
        <Card
          title="Details"
          actions={
            edit ? null : (
              <Button size="sm" onClick={() => setEdit({ name: c.name, email: c.email, phone: c.phone ?? "" })}>
                Edit
              </Button>
            )
          }
        >
          {edit ? (
            <form className="stack" onSubmit={saveEdit} noValidate>
              {update.error && !Object.keys(updateErrors).length ? (
                <Alert tone="danger">{errorMessage(update.error)}</Alert>
              ) : null}
              <Field label="Name" required error={updateErrors.name}>
                <Input value={edit.name} onChange={(e) => setEdit({ ...edit, name: e.target.value })} />
              </Field>
              <Field label="Email" required error={updateErrors.email}>
                <Input value={edit.email} onChange={(e) => setEdit({ ...edit, email: e.target.value })} />
              </Field>
              <Field label="Phone" error={updateErrors.phone}>
                <Input value={edit.phone} onChange={(e) => setEdit({ ...edit, phone: e.target.value })} />
              </Field>
              <FormActions>
                <Button onClick={() => setEdit(null)}>Cancel</Button>
                <Button type="submit" variant="primary" loading={update.isPending}>
                  Save
                </Button>
              </FormActions>
            </form>
          ) : (
            <DescriptionList
              items={[
                { label: "Email", value: c.email },
                { label: "Phone", value: c.phone },
                {
                  label: "Billing address",
                  value: `${c.billingLine1}${c.billingLine2 ? `, ${c.billingLine2}` : ""}, ${c.billingPostcode} ${c.billingCity}, ${c.billingCountry}`,
                },
                { label: "Tax id", value: c.taxId },
              ]}
            />
          )}
        </Card>
        <Card title="Services">
          {c.subscribers.length ? (
            <ul className="stack-sm">
              {c.subscribers.map((s) => (
                <li key={s.id} className="row">
                  <Link className="mono" href={`/noc/subscribers/${s.id}`}>
                    {s.username}
                  </Link>
                  <StatusBadge status={s.status} />
                  <span className="muted">{s.plan.name}</span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No services yet" />
          )}
        </Card>
      </div>
      <Card title="Service addresses">
        <div className="stack">
          {c.serviceAddresses.map((a) => (
            <div key={a.id} className="row-between">
              <span>
                {a.line1}
                {a.line2 ? `, ${a.line2}` : ""}, {a.postcode} {a.city}, {a.country}
                {a.latitude !== null && a.longitude !== null ? (
                  <span className="muted small mono">
                    {" "}
                    ({a.latitude.toFixed(5)}, {a.longitude.toFixed(5)})
                  </span>
                ) : null}
              </span>
              <Button
                size="sm"
                variant="ghost"
                onClick={async () => {
                  if (await confirm({ title: "Remove this address?", confirmLabel: "Remove", danger: true }))
                    removeAddress.mutate({ id: a.id });
                }}
              >
                Remove
              </Button>
            </div>
          ))}
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              addAddress.mutate({ customerId: id, address: toAddressInput(address) });
            }}
            noValidate
          >
            {addAddress.error ? <Alert tone="danger">{errorMessage(addAddress.error)}</Alert> : null}
            <div className="form-grid">
              <AddressFields
                value={address}
                onChange={setAddress}
                errors={fieldErrors(addAddress.error)}
                prefix="new-"
              />
            </div>
            <FormActions>
              <Button type="submit" loading={addAddress.isPending}>
                Add service address
              </Button>
            </FormActions>
          </form>
        </div>
      </Card>
      <Card title="Contacts">
        <div className="stack">
          {c.contacts.map((ct) => (
            <div key={ct.id} className="row-between">
              <span>
                <strong>{ct.name}</strong> {ct.role ? <span className="muted">({ct.role})</span> : null} {ct.email}{" "}
                {ct.phone}
              </span>
              <Button size="sm" variant="ghost" onClick={() => removeContact.mutate({ id: ct.id })}>
                Remove
              </Button>
            </div>
          ))}
          <form
            className="form-grid"
            onSubmit={(e) => {
              e.preventDefault();
              addContact.mutate({
                customerId: id,
                contact: {
                  name: contact.name,
                  role: contact.role || null,
                  email: contact.email || null,
                  phone: contact.phone || null,
                },
              });
            }}
            noValidate
          >
            <Field label="Contact name" error={fieldErrors(addContact.error).name}>
              <Input value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} />
            </Field>
            <Field label="Role">
              <Input value={contact.role} onChange={(e) => setContact({ ...contact, role: e.target.value })} />
            </Field>
            <Field label="Contact email" error={fieldErrors(addContact.error).email}>
              <Input value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            </Field>
            <Field label="Contact phone">
              <Input value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
            </Field>
            <FormActions>
              <Button type="submit" loading={addContact.isPending}>
                Add contact
              </Button>
            </FormActions>
          </form>
        </div>
      </Card>
    </div>
  );
}
