"use client";
import { useActionState } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import { type RegisterState, registerAction } from "./actions";

export function RegisterForm() {
  const [state, action, pending] = useActionState<RegisterState, FormData>(registerAction, {});
  if (state.sent)
    return (
      <Alert tone="success" title="Check your email">
        If the account number and {state.email} match our records, we sent a link there to choose your password. The
        link works once and expires in 7 days.
      </Alert>
    );
  return (
    <form action={action} className="stack" noValidate>
      <p className="muted">
        Give the account number from your invoices and the email we have on file: we will email you a link to choose a
        password.
      </p>
      {state.error ? <Alert tone="danger">{state.error}</Alert> : null}
      <Field label="Account number" required error={state.errors?.accountNumber}>
        <Input name="accountNumber" autoComplete="off" defaultValue={state.accountNumber} key={state.accountNumber} />
      </Field>
      <Field label="Email" required error={state.errors?.email}>
        <Input name="email" type="email" autoComplete="email" defaultValue={state.email} key={state.email} />
      </Field>
      <Button type="submit" variant="primary" loading={pending}>
        Email me a link
      </Button>
    </form>
  );
}
