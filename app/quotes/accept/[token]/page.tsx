// The public quote acceptance page, reached from the emailed signed link.
import { AcceptQuotePage } from "./accept-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your quote", referrer: "no-referrer" };

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main style={{ maxWidth: 760, margin: "0 auto", padding: "24px 16px" }}>
      <AcceptQuotePage token={decodeURIComponent(token)} />
    </main>
  );
}
