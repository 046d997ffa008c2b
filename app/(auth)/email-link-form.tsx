"use client";
// "Email me a link": one email field whose request always answers the same (no account
// enumeration), then a note to check the inbox. Password reset and sign-in by link use it.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { formErrors } from "@/app/admin/_components/form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Field, Input } from "@/components/ui";

type Props = {
  link: "passwordReset" | "signInLink";
  intro: string;
  submitLabel: string;
  /** What the page says once the request is taken, for the email given. */
  sent: (email: string) => ReactNode;
};

export function EmailLinkForm({ link, intro, submitLabel, sent }: Props) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.identity[link].request.mutationOptions());
  const errors = formErrors(request.error);
  if (request.isSuccess)
    return (
      <Alert tone="success" title="Check your email">
        {sent(email)}
      </Alert>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">{intro}</p>
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
        {submitLabel}
      </Button>
    </form>
  );
}
