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
} from "@/components/ui";
import { formErrors } from "../../admin/_components/form-errors";

type Row = {
  id: string;
  name: string;
  prefix: string;
  roleId: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
};

export function ApiTokensPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.identity.apiTokens.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const roles = useQuery(trpc.identity.roles.list.queryOptions());
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? "—";
  const [form, setForm] = useState({ name: "", roleId: "", expiresInDays: "" });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.identity.apiTokens.pathKey() });
  const create = useMutation(
    trpc.identity.apiTokens.create.mutationOptions({
      onSuccess: (r) => {
        setCreated({ name: r.name, token: r.token });
        setForm({ name: "", roleId: "", expiresInDays: "" });
        refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.identity.apiTokens.revoke.mutationOptions({
      onSuccess: () => {
        toast.success("Token revoked");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const errors = formErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      name: form.name,
      roleId: form.roleId,
      expiresInDays: form.expiresInDays ? Number(form.expiresInDays) : null,
    });
  };
  const columns = defineColumns<Row>((c) => [
    c.accessor("name", { header: "Name", enableSorting: true }),
    c.accessor("prefix", { header: "Token", cell: (i) => <span className="mono">{i.getValue()}…</span> }),
    c.accessor("roleId", { header: "Role", cell: (i) => roleName(i.getValue()) }),
    c.accessor("lastUsedAt", {
      header: "Last used",
      enableSorting: true,
      cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
    }),
    c.accessor("expiresAt", { header: "Expires", cell: (i) => <DateTime value={i.getValue()} mode="date" /> }),
    c.display({
      id: "status",
      header: "Status",
      cell: ({ row }) =>
        row.original.revokedAt ? (
          <Badge tone="danger">Revoked</Badge>
        ) : row.original.expiresAt && new Date(row.original.expiresAt) < new Date() ? (
          <Badge tone="warning">Expired</Badge>
        ) : (
          <Badge tone="success">Active</Badge>
        ),
    }),
    c.display({
      id: "actions",
      header: "",
      meta: { align: "right" },
      cell: ({ row }) =>
        row.original.revokedAt ? null : (
          <Button
            size="sm"
            variant="danger"
            onClick={async () => {
              if (
                await confirm({
                  title: `Revoke ${row.original.name}?`,
                  body: "Systems using this token lose access at once.",
                  confirmLabel: "Revoke",
                  danger: true,
                })
              )
                revoke.mutate({ id: row.original.id });
            }}
          >
            Revoke
          </Button>
        ),
    }),
  ]);
  return (
    <div className="stack">
      <PageHeader
        title="API tokens"
        description="Tokens for the REST API (/api/v1). Send one as `Authorization: Bearer <token>`; it acts with its role's permissions."
      />
      {created ? (
        <Alert tone="success" title={`Token "${created.name}" created — copy it now, it is shown only once`}>
          <pre className="code-block wrap-anywhere" data-testid="new-api-token">
            {created.token}
          </pre>
          <Button size="sm" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        </Alert>
      ) : null}
      <Card title="New token">
        <form className="stack" onSubmit={submit} noValidate>
          {create.error && !errors.name && !errors.roleId ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          <div className="form-grid">
            <Field label="Name" required error={errors.name} hint="What uses it, e.g. NetBox sync">
              <Input name="tokenName" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <Field label="Role" required error={errors.roleId}>
              <Select
                value={form.roleId}
                placeholder="Choose a role…"
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                onChange={(e) => setForm({ ...form, roleId: e.target.value })}
              />
            </Field>
            <Field label="Expires after (days)" error={errors.expiresInDays} hint="Blank = never">
              <Input
                type="number"
                min={1}
                value={form.expiresInDays}
                onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })}
              />
            </Field>
          </div>
          <FormActions>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create token
            </Button>
          </FormActions>
        </form>
      </Card>
      <DataTable
        caption="API tokens"
        columns={columns}
        rows={q.data?.rows}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search name…"
        empty={<EmptyState title="No API tokens" description="Create one for each system that calls the REST API." />}
      />
    </div>
  );
}
