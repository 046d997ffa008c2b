"use server";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { env } from "@/server/env";
import { landingAfterSignIn } from "@/server/landing";
import { audienceOf } from "@/server/modules/identity";

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
  redirect(landingAfterSignIn(String(form.get("next") ?? "") || null, user.audience, user.roleKey));
}
