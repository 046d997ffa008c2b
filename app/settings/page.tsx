"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, FormActions, PageHeader, Spinner } from "@/components/ui";
import { formErrors } from "../admin/_components/form-errors";
import {
  draftFromTenant,
  type TenantDraft,
  TenantSettingsFields,
  tenantInputFromDraft,
} from "../admin/_components/tenant-form";

export default function TenantSettingsPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.identity.me.queryOptions());
  const q = useQuery(trpc.tenancy.settings.get.queryOptions());
  const [draft, setDraft] = useState<TenantDraft | null>(null);
  useEffect(() => {
    if (q.data) setDraft(draftFromTenant(q.data));
  }, [q.data]);
  const save = useMutation(
    trpc.tenancy.settings.update.mutationOptions({
      onSuccess: () => {
        toast.success("Settings saved");
        queryClient.invalidateQueries({ queryKey: trpc.tenancy.pathKey() });
      },
    }),
  );
  if (q.isLoading || !draft)
    return q.error ? <Alert tone="danger">{q.error.message}</Alert> : <Spinner label="Loading" />;
  const canEdit = me.data?.permissions.includes("tenant.manage") ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(tenantInputFromDraft(draft));
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <PageHeader
        title="Tenant settings"
        description="Company details, tax, branding, RADIUS defaults and email sender of your organisation."
      />
      {!canEdit ? <Alert tone="info">You can see these settings; ask a tenant admin to change them.</Alert> : null}
      {save.error ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      <TenantSettingsFields
        draft={draft}
        onChange={setDraft}
        errors={formErrors(save.error)}
        readOnly={!canEdit}
        hasSecrets={{
          resendApiKey: q.data?.settings.email.hasResendApiKey ?? false,
          defaultNasSecret: q.data?.settings.radius.hasDefaultNasSecret ?? false,
        }}
      />
      {canEdit ? (
        <FormActions>
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save settings
          </Button>
        </FormActions>
      ) : null}
    </form>
  );
}
