"use server";
import { endCurrentSession, signOut } from "@/server/auth";

/** Ends the session on the server, clears the cookie and returns to the sign-in page. */
export async function signOutAction() {
  await endCurrentSession();
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
