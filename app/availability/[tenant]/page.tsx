// The tenant's public availability page (its branding): /availability/<tenant slug>.
import { notFound } from "next/navigation";
import { tenantBySlug } from "@/server/modules/tenancy";
import { AvailabilityForm } from "../availability-form";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantBySlug((await params).tenant);
  return { title: tenant ? `Fibre availability · ${tenant.brandName ?? tenant.name}` : "Not found" };
}

export default async function Page({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantBySlug((await params).tenant);
  if (!tenant) notFound();
  const brand = tenant.brandName ?? tenant.name;
  return (
    <main className="container stack" style={{ maxWidth: 760, margin: "0 auto", padding: "24px 16px" }}>
      <header style={{ borderTop: `6px solid ${tenant.primaryColor}`, paddingTop: 12 }}>
        <p style={{ color: tenant.primaryColor, fontWeight: 700, margin: 0 }}>{brand}</p>
        <h1>Is fibre available at your address?</h1>
        <p className="muted">Enter your address to see the plans we can connect there.</p>
      </header>
      <AvailabilityForm tenant={tenant.slug} brandName={brand} />
    </main>
  );
}
