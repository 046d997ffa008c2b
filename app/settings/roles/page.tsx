"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
} from "@/components/ui";
import { formErrors } from "../../admin/_components/form-errors";

type Draft = { id?: string; name: string; permissions: string[] };

export default function RolesPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const roles = useQuery(trpc.identity.roles.list.queryOptions());
  const catalogue = useQuery(trpc.identity.roles.catalogue.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const done = (message: string) => () => {
    toast.success(message);
    setDraft(null);
    queryClient.invalidateQueries({ queryKey: trpc.identity.roles.pathKey() });
  };
  const create = useMutation(trpc.identity.roles.create.mutationOptions({ onSuccess: done("Role created") }));
  const update = useMutation(trpc.identity.roles.update.mutationOptions({ onSuccess: done("Role saved") }));
  const remove = useMutation(
    trpc.identity.roles.delete.mutationOptions({ onSuccess: done("Role deleted"), onError: toast.error }),
  );
  const saving = draft?.id ? update : create;
  const errors = formErrors(saving.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    if (draft.id) update.mutate({ id: draft.id, name: draft.name, permissions: draft.permissions });
    else create.mutate({ name: draft.name, permissions: draft.permissions });
  };
  const toggle = (key: string, on: boolean) =>
    draft &&
    setDraft({ ...draft, permissions: on ? [...draft.permissions, key] : draft.permissions.filter((p) => p !== key) });

  if (roles.isLoading) return <Spinner label="Loading roles" />;
  return (
    <div className="stack">
      <PageHeader
        title="Roles"
        description="Built-in roles cover the usual jobs. Create custom roles when someone needs a different set of permissions."
        actions={
          draft ? null : (
            <Button variant="primary" onClick={() => setDraft({ name: "", permissions: [] })}>
              New custom role
            </Button>
          )
        }
      />
      {roles.error ? <Alert tone="danger">{roles.error.message}</Alert> : null}
      {draft ? (
        <Card title={draft.id ? `Edit ${draft.name}` : "New custom role"}>
          <form className="stack" onSubmit={submit} noValidate>
            {saving.error && !errors.name && !errors.permissions ? (
              <Alert tone="danger">{errorMessage(saving.error)}</Alert>
            ) : null}
            <Field label="Name" required error={errors.name}>
              <Input
                name="roleName"
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            </Field>
            <fieldset className="stack-sm" aria-describedby={errors.permissions ? "role-permissions-error" : undefined}>
              <legend className="field-label">Permissions</legend>
              {errors.permissions ? (
                <p id="role-permissions-error" className="field-error">
                  {errors.permissions}
                </p>
              ) : null}
              <div className="grid-2">
                {(catalogue.data ?? []).map((p) => (
                  <Checkbox
                    key={p.key}
                    label={<span className="mono small">{p.key}</span>}
                    hint={p.description}
                    checked={draft.permissions.includes(p.key)}
                    onChange={(e) => toggle(p.key, e.target.checked)}
                  />
                ))}
              </div>
            </fieldset>
            <FormActions>
              <Button onClick={() => setDraft(null)}>Cancel</Button>
              <Button type="submit" variant="primary" loading={saving.isPending}>
                {draft.id ? "Save role" : "Create role"}
              </Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <Card padded={false}>
        {(roles.data ?? []).length === 0 ? (
          <EmptyState title="No roles" />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Role</th>
                <th>Permissions</th>
                <th className="num">Users</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(roles.data ?? []).map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name} {r.builtIn ? <Badge>Built-in</Badge> : <Badge tone="info">Custom</Badge>}
                  </td>
                  <td className="small muted">{r.permissions.length} permissions</td>
                  <td className="num">{r.userCount}</td>
                  <td className="num">
                    {r.builtIn ? null : (
                      <div className="row">
                        <Button
                          size="sm"
                          onClick={() => setDraft({ id: r.id, name: r.name, permissions: r.permissions })}
                        >
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={async () => {
                            if (
                              await confirm({
                                title: `Delete the role ${r.name}?`,
                                body: "Only roles nobody uses can be deleted.",
                                confirmLabel: "Delete role",
                                danger: true,
                              })
                            )
                              remove.mutate({ id: r.id });
                          }}
                        >
                          Delete
                        </Button>
                      </div>
                    )}
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
