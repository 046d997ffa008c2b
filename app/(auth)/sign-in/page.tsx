import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { HostBrand } from "@/components/host-brand";
import { homeFor } from "@/server/landing";
import { magicLinkAllowed } from "@/server/modules/identity";
import { siteForHost } from "@/server/modules/partners";
import { tenantSettingsOf } from "@/server/modules/tenancy";
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
  // On a provider's own address, its subscribers may register (and, if it allows, get a link).
  const h = await headers();
  const site = await siteForHost(h.get("x-forwarded-host") ?? h.get("host"));
  const links = site ? magicLinkAllowed((await tenantSettingsOf(site.tenantId))?.settings) : false;
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
        {links ? (
          <p className="center">
            <Link href="/sign-in/link">Email me a sign-in link instead</Link>
          </p>
        ) : null}
        <p className="small muted center">
          <Link href="/forgot-password">Forgot your password?</Link>
          {site ? (
            <>
              {" · "}
              <Link href="/register">New customer? Create your portal account</Link>
            </>
          ) : null}
        </p>
      </div>
    </main>
  );
}
