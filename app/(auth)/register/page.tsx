import Link from "next/link";
import { HostBrand } from "@/components/host-brand";
import { RegisterForm } from "./register-form";

export const metadata = { title: "Create your portal account" };

export default function Page() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <HostBrand />
        <h1>Create your portal account</h1>
        <RegisterForm />
        <p className="small muted center">
          <Link href="/sign-in">Already registered? Sign in</Link>
        </p>
      </div>
    </main>
  );
}
