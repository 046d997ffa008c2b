// The embeddable availability form: the same check and sign-up without the page around it,
// for an ISP's own website: <iframe src="https://<this installation>/embed/availability/<tenant slug>">.
import { notFound } from "next/navigation";
import { AvailabilityForm } from "@/app/availability/availability-form";
import { tenantBySlug } from "@/server/modules/tenancy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Fibre availability" };

export default async function Page({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantBySlug((await params).tenant);
  if (!tenant) notFound();
  return (
    <main style={{ padding: 12 }}>
      <h1 className="sr-only">Fibre availability with {tenant.brandName ?? tenant.name}</h1>
      <AvailabilityForm tenant={tenant.slug} brandName={tenant.brandName ?? tenant.name} />
    </main>
  );
}
