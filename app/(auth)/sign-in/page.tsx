import Link from "next/link";
import { redirect } from "next/navigation";
import { HostBrand } from "@/components/host-brand";
import { homeFor } from "@/server/landing";
import { currentUser } from "@/server/page-guard";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  signedOut: "You are signed out.",
  passwordSet: "Your password is set. Sign in with it now.",
  passwordReset: "Your password was changed. Sign in with the new one.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : undefined;
  const user = await currentUser();
  if (user) redirect(homeFor(user.audience, user.roleKey));
  const notice = Object.keys(NOTICES).find((k) => params[k] !== undefined);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <HostBrand />
        <h1>Sign in</h1>
        <SignInForm
          next={next}
          notice={notice ? NOTICES[notice] : undefined}
          email={typeof params.email === "string" ? params.email : undefined}
        />
        <p className="small muted center">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </div>
    </main>
  );
}
