import { HostBrand } from "@/components/host-brand";
import { AcceptInvitation } from "./accept-invitation";

export const metadata = { title: "Accept invitation" };

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <HostBrand />
        <AcceptInvitation token={token} />
      </div>
    </main>
  );
}
