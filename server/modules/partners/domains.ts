// Custom domains: a partner's portal (and sign-in page) on its own host name. A domain serves
// nothing until a DNS TXT record at _fiberops.<host> holds its token; then the host of a
// request picks the tenant and the partner. Tenant subdomains (<slug>.<the app's host>) pick
// the tenant.
import { randomBytes } from "node:crypto";
import { type DnsResolver, dnsResolver } from "@/server/adapters/dns";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { conflict, invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { loadTenant, tenantBySlug } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { getPartner, type PartnerBranding, present } from "./partners";

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A host name as typed or sent (any case, a port, a trailing dot) in the one form we store. */
export function normalizeHost(raw: string) {
  return raw.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

export const txtName = (host: string) => `_fiberops.${host}`;

export async function addDomain(svc: ServiceContext, partnerId: string, rawHost: string) {
  const host = normalizeHost(rawHost);
  if (!HOST.test(host)) throw invalid("Enter a host name like portal.example.com");
  if (host === appHost()) throw invalid("That is the platform's own host name");
  await getPartner(svc, partnerId);
  const token = `fiberops-verify=${randomBytes(16).toString("hex")}`;
  try {
    return await svc.db.$transaction(async (tx) => {
      const domain = await tx.partnerDomain.create({ data: { tenantId: svc.tenantId, partnerId, host, token } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "partner.domain.add",
        targetType: "Partner",
        targetId: partnerId,
        after: { host },
      });
      return domain;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw conflict(`${host} is already in use`);
    throw error;
  }
}

/** Looks for the token in DNS; the domain serves the partner from the moment it is found. */
export async function verifyDomain(svc: ServiceContext, domainId: string, resolver: DnsResolver = dnsResolver()) {
  const domain = await svc.db.partnerDomain.findFirst({ where: { id: domainId } });
  if (!domain) throw notFound("Domain");
  await getPartner(svc, domain.partnerId);
  const records = await resolver.txt(txtName(domain.host));
  const found = records.some((r) => r.trim() === domain.token);
  const now = new Date();
  const updated = await svc.db.partnerDomain.update({
    where: { id: domain.id },
    data: { checkedAt: now, ...(found && !domain.verifiedAt ? { verifiedAt: now } : {}) },
  });
  if (!found)
    throw invalid(
      `No TXT record "${domain.token}" at ${txtName(domain.host)} yet; publish it at your DNS provider and check again (changes can take a while to spread)`,
    );
  if (!domain.verifiedAt)
    await recordAudit(svc.db, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "partner.domain.verify",
      targetType: "Partner",
      targetId: domain.partnerId,
      after: { host: domain.host },
    });
  return updated;
}

export async function removeDomain(svc: ServiceContext, domainId: string) {
  const domain = await svc.db.partnerDomain.findFirst({ where: { id: domainId } });
  if (!domain) throw notFound("Domain");
  await getPartner(svc, domain.partnerId);
  await svc.db.partnerDomain.deleteMany({ where: { id: domainId } });
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "partner.domain.remove",
    targetType: "Partner",
    targetId: domain.partnerId,
    before: { host: domain.host },
  });
  return { id: domainId };
}

function appHost() {
  return normalizeHost(new URL(env().APP_URL).host);
}

export type HostSite = {
  tenantId: string;
  tenantName: string;
  /** The partner whose verified domain this is, with its white label. */
  partner: PartnerBranding | null;
};

/**
 * Which tenant and partner a request's host belongs to: a verified partner domain (the
 * partner must be active), or a tenant subdomain of the app's host. Null: the platform's own.
 */
export async function siteForHost(rawHost: string | null | undefined): Promise<HostSite | null> {
  if (!rawHost) return null;
  const host = normalizeHost(rawHost);
  // Host-wide lookup before anyone is signed in: the one query here that no tenant scopes.
  const domain = await db().partnerDomain.findUnique({
    where: { host },
    include: { partner: true },
  });
  if (domain?.verifiedAt && domain.partner.status === "ACTIVE") {
    const tenant = await loadTenant(db(), domain.tenantId);
    if (tenant?.status === "ACTIVE")
      return { tenantId: tenant.id, tenantName: tenant.brandName || tenant.name, partner: present(domain.partner) };
  }
  const base = appHost();
  if (host.endsWith(`.${base}`)) {
    const slug = host.slice(0, -base.length - 1);
    if (!slug.includes(".")) {
      const tenant = await tenantBySlug(slug);
      if (tenant) return { tenantId: tenant.id, tenantName: tenant.brandName || tenant.name, partner: null };
    }
  }
  return null;
}
