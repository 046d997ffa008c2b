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
  Checkbox,
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
  scopes: string[];
  rateLimitPerMinute: number | null;
  createdAt: Date;
};

const EMPTY_FORM = { name: "", roleId: "", expiresInDays: "", rateLimitPerMinute: "", scopes: [] as string[] };

export function ApiTokensPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.identity.apiTokens.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const roles = useQuery(trpc.identity.roles.list.queryOptions());
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? "—";
  const [form, setForm] = useState(EMPTY_FORM);
  const rolePermissions = roles.data?.find((r) => r.id === form.roleId)?.permissions ?? [];
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.identity.apiTokens.pathKey() });
  const create = useMutation(
    trpc.identity.apiTokens.create.mutationOptions({
      onSuccess: (r) => {
        setCreated({ name: r.name, token: r.token });
        setForm(EMPTY_FORM);
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
      rateLimitPerMinute: form.rateLimitPerMinute ? Number(form.rateLimitPerMinute) : null,
      scopes: form.scopes,
    });
  };
  const columns = defineColumns<Row>((c) => [
    c.accessor("name", { header: "Name", enableSorting: true }),
    c.accessor("prefix", { header: "Token", cell: (i) => <span className="mono">{i.getValue()}…</span> }),
    c.accessor("roleId", { header: "Role", cell: (i) => roleName(i.getValue()) }),
    c.accessor("scopes", {
      header: "Scopes",
      cell: (i) => (i.getValue().length ? i.getValue().join(", ") : "All of the role's"),
    }),
    c.accessor("rateLimitPerMinute", { header: "Requests/min", cell: (i) => i.getValue() ?? "600 (default)" }),
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
        description={
          <>
            Tokens for the REST API (/api/v1; reference at <a href="/api/docs">/api/docs</a>). Send one as{" "}
            <code>Authorization: Bearer &lt;token&gt;</code>; it acts with its role&apos;s permissions, narrowed by its
            scopes.
          </>
        }
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
          {create.error && !Object.values(errors).some(Boolean) ? (
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
                onChange={(e) => setForm({ ...form, roleId: e.target.value, scopes: [] })}
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
            <Field
              label="Requests per minute"
              error={errors.rateLimitPerMinute}
              hint="Blank = 600; more answer 429 with Retry-After"
            >
              <Input
                type="number"
                min={1}
                value={form.rateLimitPerMinute}
                onChange={(e) => setForm({ ...form, rateLimitPerMinute: e.target.value })}
              />
            </Field>
          </div>
          {rolePermissions.length ? (
            <fieldset className="stack-sm">
              <legend className="field-label">
                Scopes: limit the token to these permissions (none = all of the role's)
              </legend>
              <div className="row">
                {rolePermissions.map((p) => (
                  <Checkbox
                    key={p}
                    label={<span className="mono">{p}</span>}
                    checked={form.scopes.includes(p)}
                    onChange={(e) =>
                      setForm({
                        ...form,
                        scopes: e.target.checked ? [...form.scopes, p] : form.scopes.filter((s) => s !== p),
                      })
                    }
                  />
                ))}
              </div>
              {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
            </fieldset>
          ) : null}
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
