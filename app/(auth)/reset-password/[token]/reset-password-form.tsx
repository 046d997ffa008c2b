"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { formErrors } from "@/app/admin/_components/form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Field, Input, Spinner } from "@/components/ui";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reset = useQuery({ ...trpc.identity.passwordReset.lookup.queryOptions({ token }), retry: false });
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const complete = useMutation(
    trpc.identity.passwordReset.complete.mutationOptions({
      onSuccess: (r) => router.push(`/sign-in?passwordReset&email=${encodeURIComponent(r.email)}`),
    }),
  );
  if (reset.isLoading) return <Spinner label="Checking your link" />;
  if (reset.error)
    return (
      <div className="stack">
        <h1>Reset password</h1>
        <Alert tone="danger" title="This link cannot be used">
          {errorMessage(reset.error)}
        </Alert>
        <p className="small muted center">
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  const errors = formErrors(complete.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) return setMismatch(true);
    setMismatch(false);
    complete.mutate({ token, password });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h1>Choose a new password</h1>
      <p className="muted">
        For <strong>{reset.data?.email}</strong>. Other sessions of this account are signed out.
      </p>
      {complete.error && !errors.password ? <Alert tone="danger">{errorMessage(complete.error)}</Alert> : null}
      <Field
        label="New password"
        required
        error={errors.password}
        hint="At least 10 characters, letters mixed with digits or symbols"
      >
        <Input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
      </Field>
      <Field label="Repeat password" required error={mismatch ? "The two passwords differ" : undefined}>
        <Input
          name="repeatPassword"
          type="password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          autoComplete="new-password"
        />
      </Field>
      <Button type="submit" variant="primary" loading={complete.isPending}>
        Set new password
      </Button>
    </form>
  );
}
