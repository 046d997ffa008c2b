import Link from "next/link";
import { homeFor } from "@/server/landing";
import { PERMISSIONS, type Permission } from "@/server/modules/identity";
import { currentUser } from "@/server/page-guard";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { need } = await searchParams;
  const user = await currentUser();
  const permission = typeof need === "string" && need in PERMISSIONS ? (need as Permission) : null;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>You can’t open this page</h1>
        <p className="muted">
          {permission
            ? `It needs the permission “${PERMISSIONS[permission]}”, which your role does not include. Ask a tenant admin if you need it.`
            : "This page belongs to another part of the platform than your account."}
        </p>
        {user ? (
          <>
            <p className="small muted">Signed in as {user.email}.</p>
            <Link href={homeFor(user.audience, user.roleKey)} className="btn btn-primary">
              Go to your home page
            </Link>
            <p className="small center">
              <Link href="/sign-out">Sign in as someone else</Link>
            </p>
          </>
        ) : (
          <Link href="/sign-in" className="btn btn-primary">
            Sign in
          </Link>
        )}
      </div>
    </main>
  );
}
