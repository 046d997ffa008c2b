"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { formErrors } from "@/app/admin/_components/form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Field, Input } from "@/components/ui";

export function SignInLinkForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.identity.signInLink.request.mutationOptions());
  const errors = formErrors(request.error);
  if (request.isSuccess)
    return (
      <Alert tone="success" title="Check your email">
        If {email} may sign in with a link, we sent one there. It works once and expires in 15 minutes.
      </Alert>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">Enter the email of your portal account and we will send you a link that signs you in.</p>
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
        Email me a link
      </Button>
    </form>
  );
}
