import Link from "next/link";
import { HostBrand } from "@/components/host-brand";
import { SignInLinkForm } from "./sign-in-link-form";

export const metadata = { title: "Sign in with an email link" };

export default function Page() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <HostBrand />
        <h1>Sign in with an email link</h1>
        <SignInLinkForm />
        <p className="small muted center">
          <Link href="/sign-in">Sign in with your password</Link>
        </p>
      </div>
    </main>
  );
}
