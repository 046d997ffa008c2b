"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, ButtonLink, Card, Field, FormActions, Input, PageHeader } from "@/components/ui";
import { formErrors } from "../../_components/form-errors";
import { EMPTY_TENANT, TenantSettingsFields, tenantInputFromDraft } from "../../_components/tenant-form";

export default function NewTenantPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [draft, setDraft] = useState(EMPTY_TENANT);
  const [slug, setSlug] = useState("");
  const [admin, setAdmin] = useState({ email: "", name: "" });
  const create = useMutation(
    trpc.tenancy.tenants.create.mutationOptions({
      onSuccess: (result) => {
        toast.success(
          `${result.tenant.name} created. Invitation ${result.emailStatus === "FAILED" ? "could not be sent" : "sent"} to ${admin.email}.`,
        );
        router.push(`/admin/tenants/${result.tenant.id}`);
      },
    }),
  );
  const errors = formErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...tenantInputFromDraft(draft), slug, firstAdmin: { email: admin.email, name: admin.name } });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <PageHeader
        title="New tenant"
        breadcrumbs={[{ label: "Tenants", href: "/admin" }, { label: "New tenant" }]}
        description="Create an ISP with its settings and invite its first administrator by email."
      />
      {create.error ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      <Card title="Identity and first admin">
        <div className="form-grid">
          <Field label="Slug" required error={errors.slug} hint="Short unique id, e.g. acme-fiber">
            <Input name="slug" value={slug} onChange={(e) => setSlug(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="First admin's email" required error={errors.firstAdmin ?? errors.email}>
            <Input
              name="adminEmail"
              type="email"
              value={admin.email}
              onChange={(e) => setAdmin({ ...admin, email: e.target.value })}
            />
          </Field>
          <Field label="First admin's name">
            <Input name="adminName" value={admin.name} onChange={(e) => setAdmin({ ...admin, name: e.target.value })} />
          </Field>
        </div>
      </Card>
      <TenantSettingsFields draft={draft} onChange={setDraft} errors={errors} />
      <FormActions>
        <ButtonLink href="/admin">Cancel</ButtonLink>
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create tenant and send invitation
        </Button>
      </FormActions>
    </form>
  );
}
