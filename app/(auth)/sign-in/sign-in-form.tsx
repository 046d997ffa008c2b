"use client";
import { useActionState } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import { type SignInState, signInAction } from "./actions";

export function SignInForm({ next, notice, email }: { next?: string; notice?: string; email?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="stack" noValidate>
      {state.error ? (
        <Alert tone="danger">{state.error}</Alert>
      ) : notice ? (
        <Alert tone="success">{notice}</Alert>
      ) : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field label="Email">
        <Input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email ?? email}
          key={state.email ?? ""}
        />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" variant="primary" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
