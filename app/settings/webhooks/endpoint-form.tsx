"use client";
// The endpoint's fields (URL, description, events), shared by "New endpoint" and the endpoint's
// own page; the caller supplies the mutation's state and what to do with the values.
import { type FormEvent, useState } from "react";
import { errorMessage } from "@/components/trpc";
import { Alert, Button, Field, FormActions, Input } from "@/components/ui";
import { formErrors } from "../../admin/_components/form-errors";
import { EventChoice } from "./event-choice";

export type EndpointValues = { url: string; description: string; events: string[] };

export function EndpointForm({
  initial = { url: "", description: "", events: [] },
  types,
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  initial?: EndpointValues;
  types: Parameters<typeof EventChoice>[0]["types"];
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (values: EndpointValues) => void;
}) {
  const [form, setForm] = useState(initial);
  const errors = formErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(form);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {error && !Object.values(errors).some(Boolean) ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
      <div className="form-grid">
        <Field label="URL" required error={errors.url} hint="https address of your receiver">
          <Input
            name="url"
            type="url"
            placeholder="https://crm.example.net/hooks/fiberops"
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
        </Field>
        <Field label="Description" error={errors.description} hint="What receives it, e.g. Accounting">
          <Input
            name="description"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </Field>
      </div>
      <EventChoice
        types={types}
        value={form.events}
        onChange={(events) => setForm({ ...form, events })}
        error={errors.events}
      />
      <FormActions>
        <Button type="submit" variant="primary" loading={pending}>
          {submitLabel}
        </Button>
      </FormActions>
    </form>
  );
}
