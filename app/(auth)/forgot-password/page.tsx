import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata = { title: "Forgot password" };

export default function Page() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Forgot your password?</h1>
        <ForgotPasswordForm />
        <p className="small muted center">
          <Link href="/sign-in">Back to sign-in</Link>
        </p>
      </div>
    </main>
  );
}
