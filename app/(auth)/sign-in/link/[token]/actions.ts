"use server";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth";
import { PORTAL_HOME } from "@/server/modules/identity";

export type LinkSignInState = { error?: string };

export async function signInWithLinkAction(_prev: LinkSignInState, form: FormData): Promise<LinkSignInState> {
  try {
    await signIn("magic-link", { token: String(form.get("token") ?? ""), redirect: false });
  } catch (error) {
    if (error instanceof AuthError)
      return { error: "This sign-in link no longer works. Ask for a new one, or sign in with your password." };
    throw error;
  }
  redirect(PORTAL_HOME.SUBSCRIBER);
}
