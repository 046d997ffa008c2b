"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  StatusBadge,
  statusTone,
} from "@/components/ui";
import { formErrors } from "../../admin/_components/form-errors";

type UserRow = {
  id: string;
  email: string;
  name: string;
  status: string;
  lastLoginAt: Date | null;
  role: { id: string; name: string; key: string };
};
type InvitationRow = {
  id: string;
  email: string;
  name: string | null;
  role: { id: string; name: string };
  status: string;
  expiresAt: Date;
  createdAt: Date;
};

export function UsersPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.identity.me.queryOptions());
  const can = (p: string) => (me.data?.permissions as string[] | undefined)?.includes(p) ?? false;
  const roles = useQuery(trpc.identity.roles.list.queryOptions());
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  const users = useListQuery({ sort: { id: "name", desc: false } }, { prefix: "u" });
  const invs = useListQuery({ filters: { status: "PENDING" } }, { prefix: "i" });
  const usersQ = useQuery(trpc.identity.users.list.queryOptions(users.query, { placeholderData: keepPreviousData }));
  const invsQ = useQuery(
    trpc.identity.invitations.list.queryOptions(invs.query, { placeholderData: keepPreviousData }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.identity.pathKey() });

  const [invite, setInvite] = useState({ email: "", name: "", roleId: "" });
  const create = useMutation(
    trpc.identity.invitations.create.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Invitation sent to ${r.email}`);
        setInvite({ email: "", name: "", roleId: "" });
        refresh();
      },
    }),
  );
  const opts = { onSuccess: refresh, onError: toast.error };
  const resend = useMutation(
    trpc.identity.invitations.resend.mutationOptions({
      ...opts,
      onSuccess: () => {
        toast.success("Invitation sent again");
        refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.identity.invitations.revoke.mutationOptions(opts));
  const changeRole = useMutation(
    trpc.identity.users.changeRole.mutationOptions({
      ...opts,
      onSuccess: () => {
        toast.success("Role changed");
        refresh();
      },
    }),
  );
  const disable = useMutation(trpc.identity.users.disable.mutationOptions(opts));
  const enable = useMutation(trpc.identity.users.enable.mutationOptions(opts));

  const userColumns = defineColumns<UserRow>((c) => [
    c.accessor("name", { header: "Name", enableSorting: true }),
    c.accessor("email", { header: "Email", enableSorting: true }),
    c.display({
      id: "role",
      header: "Role",
      cell: ({ row }) =>
        can("user.manage") && row.original.id !== me.data?.id ? (
          <Select
            aria-label={`Role of ${row.original.email}`}
            value={row.original.role.id}
            options={roleOptions}
            onChange={async (e) => {
              const roleId = e.target.value;
              const name = roleOptions.find((o) => o.value === roleId)?.label;
              if (await confirm({ title: `Make ${row.original.name} ${name}?`, confirmLabel: "Change role" }))
                changeRole.mutate({ id: row.original.id, roleId });
            }}
          />
        ) : (
          row.original.role.name
        ),
    }),
    c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
    c.accessor("lastLoginAt", {
      header: "Last sign-in",
      enableSorting: true,
      meta: { hideOnMobile: true },
      cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
    }),
    c.display({
      id: "actions",
      header: "",
      meta: { align: "right" },
      cell: ({ row }) =>
        !can("user.manage") || row.original.id === me.data?.id ? null : row.original.status === "ACTIVE" ? (
          <Button
            size="sm"
            variant="danger"
            onClick={async () => {
              if (
                await confirm({
                  title: `Disable ${row.original.name}?`,
                  body: "They are signed out at once and cannot sign in until enabled again.",
                  confirmLabel: "Disable",
                  danger: true,
                })
              )
                disable.mutate({ id: row.original.id });
            }}
          >
            Disable
          </Button>
        ) : (
          <Button size="sm" onClick={() => enable.mutate({ id: row.original.id })}>
            Enable
          </Button>
        ),
    }),
  ]);

  const invitationColumns = defineColumns<InvitationRow>((c) => [
    c.accessor("email", { header: "Email", enableSorting: true }),
    c.accessor((r) => r.role.name, { id: "role", header: "Role" }),
    c.accessor("status", {
      header: "Status",
      cell: (i) => <Badge tone={statusTone(i.getValue())}>{i.getValue()}</Badge>,
    }),
    c.accessor("expiresAt", { header: "Expires", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
    c.display({
      id: "actions",
      header: "",
      meta: { align: "right" },
      cell: ({ row }) =>
        !can("user.invite") || row.original.status === "ACCEPTED" ? null : (
          <div className="row">
            <Button size="sm" onClick={() => resend.mutate({ id: row.original.id })}>
              Resend
            </Button>
            {row.original.status !== "REVOKED" ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Withdraw the invitation to ${row.original.email}?`,
                      body: "The link in the email stops working.",
                      confirmLabel: "Withdraw",
                      danger: true,
                    })
                  )
                    revoke.mutate({ id: row.original.id });
                }}
              >
                Withdraw
              </Button>
            ) : null}
          </div>
        ),
    }),
  ]);

  const errors = formErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ email: invite.email, name: invite.name, roleId: invite.roleId });
  };

  return (
    <div className="stack">
      <PageHeader
        title="Users & invitations"
        description="Your organisation's staff, their roles, and pending invitations."
      />
      {can("user.invite") ? (
        <Card title="Invite a colleague">
          <form className="stack" onSubmit={submit} noValidate>
            {create.error && !errors.email && !errors.roleId ? (
              <Alert tone="danger">{errorMessage(create.error)}</Alert>
            ) : null}
            <div className="form-grid">
              <Field label="Email" required error={errors.email}>
                <Input
                  name="email"
                  type="email"
                  value={invite.email}
                  onChange={(e) => setInvite({ ...invite, email: e.target.value })}
                />
              </Field>
              <Field label="Name">
                <Input
                  name="name"
                  value={invite.name}
                  onChange={(e) => setInvite({ ...invite, name: e.target.value })}
                />
              </Field>
              <Field label="Role" required error={errors.roleId}>
                <Select
                  name="roleId"
                  value={invite.roleId}
                  placeholder="Choose a role…"
                  options={roleOptions}
                  onChange={(e) => setInvite({ ...invite, roleId: e.target.value })}
                />
              </Field>
            </div>
            <FormActions>
              <Button type="submit" variant="primary" loading={create.isPending}>
                Send invitation
              </Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <Card title="Invitations" padded={false}>
        <DataTable
          caption="Invitations"
          columns={invitationColumns}
          rows={invsQ.data?.rows}
          total={invsQ.data?.total}
          loading={invsQ.isFetching}
          error={invsQ.error}
          query={invs.query}
          onQueryChange={invs.onQueryChange}
          searchPlaceholder="Search email…"
          filters={[
            {
              id: "status",
              label: "Status",
              options: ["PENDING", "ACCEPTED", "EXPIRED", "REVOKED"].map((s) => ({ value: s, label: s })),
            },
          ]}
          empty={<EmptyState title="No invitations" description="Invite colleagues with the form above." />}
        />
      </Card>
      <Card title="Users" padded={false}>
        <DataTable
          caption="Users"
          columns={userColumns}
          rows={usersQ.data?.rows}
          total={usersQ.data?.total}
          loading={usersQ.isFetching}
          error={usersQ.error}
          query={users.query}
          onQueryChange={users.onQueryChange}
          searchPlaceholder="Search name or email…"
          filters={[
            {
              id: "status",
              label: "Status",
              options: [
                { value: "ACTIVE", label: "Active" },
                { value: "DISABLED", label: "Disabled" },
              ],
            },
          ]}
        />
      </Card>
    </div>
  );
}
