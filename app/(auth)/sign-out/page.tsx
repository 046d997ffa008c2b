import Link from "next/link";
import { homeFor } from "@/server/landing";
import { currentUser } from "@/server/page-guard";
import { signOutAction } from "./actions";

export const metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await currentUser();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Sign out</h1>
        {user ? (
          <>
            <p className="muted">
              You are signed in as <strong>{user.email}</strong>.
            </p>
            <form action={signOutAction}>
              <button type="submit" className="btn btn-primary">
                Sign out
              </button>
            </form>
            <p className="small center">
              <Link href={homeFor(user.audience, user.roleKey)}>Stay signed in</Link>
            </p>
          </>
        ) : (
          <>
            <p className="muted">You are not signed in.</p>
            <Link href="/sign-in" className="btn btn-primary">
              Sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
