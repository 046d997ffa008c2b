import { ResetPasswordForm } from "./reset-password-form";

export const metadata = { title: "Choose a new password" };

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <ResetPasswordForm token={token} />
      </div>
    </main>
  );
}
