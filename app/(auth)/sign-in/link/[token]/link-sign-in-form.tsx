"use client";
import { useActionState } from "react";
import { Alert, Button } from "@/components/ui";
import { type LinkSignInState, signInWithLinkAction } from "./actions";

export function LinkSignInForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<LinkSignInState, FormData>(signInWithLinkAction, {});
  return (
    <form action={action} className="stack">
      {state.error ? <Alert tone="danger">{state.error}</Alert> : null}
      <p>
        Sign in as <strong>{email}</strong>.
      </p>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="primary" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
