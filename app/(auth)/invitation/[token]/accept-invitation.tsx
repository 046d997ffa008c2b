"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { formErrors } from "@/app/admin/_components/form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Field, Input, Spinner } from "@/components/ui";

export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery({ ...trpc.identity.invitations.lookup.queryOptions({ token }), retry: false });
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation(
    trpc.identity.invitations.accept.mutationOptions({
      onSuccess: (r) => router.push(`/sign-in?passwordSet&email=${encodeURIComponent(r.email)}`),
    }),
  );
  if (invitation.isLoading) return <Spinner label="Checking your invitation" />;
  if (invitation.error)
    return (
      <div className="stack">
        <h1>Invitation</h1>
        <Alert tone="danger" title="This invitation cannot be used">
          {errorMessage(invitation.error)}
        </Alert>
        <p className="small muted center">
          <Link href="/sign-in">Go to sign-in</Link>
        </p>
      </div>
    );
  const inv = invitation.data!;
  const errors = formErrors(accept.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate({ token, name: name || inv.name || "", password });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h1>Join {inv.organisation}</h1>
      <p className="muted">
        You were invited as <strong>{inv.roleName}</strong>. Set your name and a password to activate{" "}
        <strong>{inv.email}</strong>.
      </p>
      {accept.error && !errors.password && !errors.name ? (
        <Alert tone="danger">{errorMessage(accept.error)}</Alert>
      ) : null}
      <Field label="Email">
        <Input value={inv.email} readOnly autoComplete="username" />
      </Field>
      <Field label="Your name" required error={errors.name}>
        <Input
          name="name"
          value={name || inv.name || ""}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
        />
      </Field>
      <Field
        label="Password"
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
      <Button type="submit" variant="primary" loading={accept.isPending}>
        Activate my account
      </Button>
    </form>
  );
}
