// The brand at the top of the sign-in and invitation pages, chosen by the request's host: a
// partner's verified domain shows the partner's white label, a tenant subdomain the tenant's
// name, anything else the platform's.
import { headers } from "next/headers";
import type { CSSProperties } from "react";
import { siteForHost } from "@/server/modules/partners";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

export async function HostBrand() {
  const h = await headers();
  const site = await siteForHost(h.get("x-forwarded-host") ?? h.get("host"));
  const name = site?.partner?.name ?? site?.tenantName ?? "FiberOps";
  const tagline = site?.partner
    ? `with ${site.tenantName}`
    : site
      ? "Customer and partner sign-in"
      : "Operations platform for fiber ISPs";
  const style = site?.partner?.primaryColor ? ({ "--brand": site.partner.primaryColor } as CSSProperties) : undefined;
  return (
    <div className="brand" style={style} data-testid="host-brand">
      {site?.partner?.logoUrl ? (
        // biome-ignore lint/performance/noImgElement: partner logos are arbitrary external URLs
        <img className="brand-logo" src={site.partner.logoUrl} alt="" />
      ) : (
        <span className="brand-mark" aria-hidden="true">
          {site ? initials(name) : "FO"}
        </span>
      )}
      <span className="brand-text">
        <span className="brand-name">{name}</span>
        <span className="muted small">{tagline}</span>
      </span>
    </div>
  );
}
