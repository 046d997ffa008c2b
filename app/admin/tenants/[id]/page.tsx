"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
  StatusBadge,
  statusTone,
} from "@/components/ui";
import { formErrors } from "../../_components/form-errors";

export default function TenantDetailPage() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const q = useQuery(trpc.tenancy.tenants.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tenancy.tenants.pathKey() });
  const [invite, setInvite] = useState({ email: "", name: "" });
  const inviteAdmin = useMutation(
    trpc.tenancy.tenants.inviteAdmin.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Invitation sent to ${r.email}`);
        setInvite({ email: "", name: "" });
        refresh();
      },
    }),
  );
  const suspend = useMutation(
    trpc.tenancy.tenants.suspend.mutationOptions({ onSuccess: refresh, onError: toast.error }),
  );
  const reactivate = useMutation(
    trpc.tenancy.tenants.reactivate.mutationOptions({ onSuccess: refresh, onError: toast.error }),
  );

  if (q.isLoading) return <Spinner label="Loading tenant" />;
  if (q.error) return <Alert tone="danger">{q.error.message}</Alert>;
  const tenant = q.data;
  if (!tenant) return null;
  const errors = formErrors(inviteAdmin.error);
  const submitInvite = (e: FormEvent) => {
    e.preventDefault();
    inviteAdmin.mutate({ id: tenant.id, email: invite.email, name: invite.name });
  };
  const toggleStatus = async () => {
    if (tenant.status === "ACTIVE") {
      const ok = await confirm({
        title: `Suspend ${tenant.name}?`,
        body: "Its staff are signed out and cannot sign in until you reactivate it. Data is kept.",
        confirmLabel: "Suspend tenant",
        danger: true,
        typeToConfirm: tenant.slug,
      });
      if (ok) suspend.mutate({ id: tenant.id });
    } else {
      reactivate.mutate({ id: tenant.id });
    }
  };

  return (
    <div className="stack">
      <PageHeader
        title={tenant.name}
        breadcrumbs={[{ label: "Tenants", href: "/admin" }, { label: tenant.name }]}
        description={tenant.legalName}
        actions={
          <Button
            variant={tenant.status === "ACTIVE" ? "danger" : "primary"}
            loading={suspend.isPending || reactivate.isPending}
            onClick={toggleStatus}
          >
            {tenant.status === "ACTIVE" ? "Suspend" : "Reactivate"}
          </Button>
        }
      />
      <div className="grid-2">
        <Card title="Settings">
          <DescriptionList
            items={[
              { label: "Status", value: <StatusBadge status={tenant.status} /> },
              { label: "Slug", value: <span className="mono">{tenant.slug}</span> },
              { label: "Currency", value: tenant.currency },
              { label: "Time zone", value: tenant.timezone },
              { label: "Locale", value: tenant.locale },
              { label: "Billing day", value: tenant.billingDay },
              { label: "Invoice prefix", value: tenant.invoicePrefix },
              {
                label: "Tax rates",
                value: tenant.taxRates.length
                  ? tenant.taxRates.map((r) => `${r.name} ${r.percent}%${r.isDefault ? " (default)" : ""}`).join(", ")
                  : "None",
              },
              {
                label: "Support",
                value: [tenant.supportEmail, tenant.supportPhone].filter(Boolean).join(" · ") || "—",
              },
              { label: "Created", value: <DateTime value={tenant.createdAt} /> },
            ]}
          />
        </Card>
        <Card title="Invite an administrator">
          <form className="stack" onSubmit={submitInvite} noValidate>
            {inviteAdmin.error && !errors.email ? <Alert tone="danger">{errorMessage(inviteAdmin.error)}</Alert> : null}
            <Field label="Email" required error={errors.email}>
              <Input
                name="inviteEmail"
                type="email"
                value={invite.email}
                onChange={(e) => setInvite({ ...invite, email: e.target.value })}
              />
            </Field>
            <Field label="Name">
              <Input
                name="inviteName"
                value={invite.name}
                onChange={(e) => setInvite({ ...invite, name: e.target.value })}
              />
            </Field>
            <FormActions>
              <Button type="submit" variant="primary" loading={inviteAdmin.isPending}>
                Send invitation
              </Button>
            </FormActions>
          </form>
        </Card>
      </div>
      <Card title="Administrators" padded={false}>
        {tenant.admins.length === 0 ? (
          <EmptyState
            title="No administrator has joined yet"
            description="They appear here once they accept the invitation."
          />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Status</th>
                <th>Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {tenant.admins.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{a.email}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>
                    <DateTime value={a.lastLoginAt} mode="relative" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Invitations" padded={false}>
        {tenant.invitations.length === 0 ? (
          <EmptyState title="No invitations" />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Status</th>
                <th>Expires</th>
              </tr>
            </thead>
            <tbody>
              {tenant.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{i.role}</td>
                  <td>
                    <Badge tone={statusTone(i.status)}>{i.status}</Badge>
                  </td>
                  <td>
                    <DateTime value={i.expiresAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
