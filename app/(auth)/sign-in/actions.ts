"use server";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { env } from "@/server/env";
import { homeFor } from "@/server/landing";
import { audienceMayOpen, audienceOf } from "@/server/modules/identity";

export type SignInState = { error?: string; email?: string };

function refusal(code: string): string {
  switch (code) {
    case "locked":
      return `Too many failed attempts: this account is locked for ${env().LOGIN_LOCKOUT_MINUTES} minutes. Try again later or reset your password.`;
    case "throttled":
      return "Too many sign-in attempts. Wait a few minutes, then try again.";
    case "disabled":
      return "This account is disabled. Ask your administrator to enable it.";
    default:
      return "Wrong email or password. Check both and try again.";
  }
}

/** Only a path on this site, never another origin (`//evil.example`, `https://…`). */
function safeNext(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "")
    .trim()
    .toLowerCase();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: refusal(error.code), email };
    if (error instanceof AuthError) return { error: "Sign-in failed. Please try again.", email };
    throw error;
  }
  const user = await audienceOf(email);
  if (!user) return { error: refusal("invalid"), email };
  const next = safeNext(String(form.get("next") ?? "") || null);
  const path = next?.split(/[?#]/)[0] ?? "";
  redirect(next && audienceMayOpen(user.audience, path) ? next : homeFor(user.audience, user.roleKey));
}
