"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { formErrors } from "@/app/admin/_components/form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Field, Input } from "@/components/ui";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.identity.passwordReset.request.mutationOptions());
  const errors = formErrors(request.error);
  if (request.isSuccess)
    return (
      <Alert tone="success" title="Check your email">
        If an account exists for {email}, we sent it a link to choose a new password. The link works once and expires in
        an hour.
      </Alert>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">Enter the email you sign in with and we will send you a link to choose a new password.</p>
      {request.error && !errors.email ? <Alert tone="danger">{errorMessage(request.error)}</Alert> : null}
      <Field label="Email" required error={errors.email}>
        <Input
          name="email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
        />
      </Field>
      <Button type="submit" variant="primary" loading={request.isPending}>
        Send reset link
      </Button>
    </form>
  );
}
