import Link from "next/link";
import { HostBrand } from "@/components/host-brand";
import { Alert } from "@/components/ui";
import { DomainError } from "@/server/errors";
import { describeSignInLink } from "@/server/modules/identity";
import { LinkSignInForm } from "./link-sign-in-form";

export const metadata = { title: "Sign in" };

// Opening the link only shows who it signs in; the button uses it (a mail scanner that opens
// links does not spend it).
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeSignInLink(token).catch((error: unknown) => {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  });
  return (
    <main className="auth-page">
      <div className="auth-card">
        <HostBrand />
        <h1>Sign in</h1>
        {"error" in link ? (
          <Alert tone="danger">{link.error}</Alert>
        ) : (
          <LinkSignInForm token={token} email={link.email} />
        )}
        <p className="small muted center">
          <Link href="/sign-in/link">Ask for a new link</Link> · <Link href="/sign-in">Sign in with your password</Link>
        </p>
      </div>
    </main>
  );
}
