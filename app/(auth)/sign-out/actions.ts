"use server";
import { signOut } from "@/server/auth";

/** Ends the session and returns to the sign-in page. */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
