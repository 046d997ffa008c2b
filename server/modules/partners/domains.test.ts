// Custom domains: verification by a DNS TXT token through the resolver port (a fake zone
// here), and the host of a request picking tenant and partner: an unverified domain, or one
// of a suspended partner, serves nothing of the partner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DnsResolver } from "@/server/adapters/dns";
import { systemContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { addDomain, normalizeHost, siteForHost, txtName, verifyDomain } from "./domains";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** A DNS zone held in memory: TXT records by name. */
class FakeZone implements DnsResolver {
  records = new Map<string, string[]>();
  asked: string[] = [];
  async txt(name: string) {
    this.asked.push(name);
    return this.records.get(name) ?? [];
  }
}

async function reseller() {
  const tenant = await createTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  const staff = await callerAs(t.prisma, admin.id);
  const partner = await staff.partners.create({
    name: "Northwind",
    type: "RESELLER",
    branding: { brandName: "Northwind Fibre", primaryColor: "#6b21a8" },
  });
  return { tenant, staff, partner, svc: systemContext(tenant.id, "test") };
}

describe("partner domains", () => {
  it("serve the partner only once the TXT token is published", async () => {
    const { tenant, staff, partner, svc } = await reseller();
    const zone = new FakeZone();
    const host = `portal-${tenant.slug}.northwind.example`;
    const domain = await staff.partners.domains.add({ partnerId: partner.id, host: `${host.toUpperCase()}.` });
    expect(domain.host).toBe(host);
    expect(domain.token).toMatch(/^fiberops-verify=[0-9a-f]{32}$/);

    // Not published yet: refused with what to publish, and the host serves nothing of the partner.
    await expect(verifyDomain(svc, domain.id, zone)).rejects.toThrow(
      /No TXT record "fiberops-verify=.*" at _fiberops\./,
    );
    expect(zone.asked).toEqual([txtName(host)]);
    expect(await siteForHost(host)).toBeNull();
    // Someone else's token in the record does not verify it either.
    zone.records.set(txtName(host), ["fiberops-verify=0123456789abcdef0123456789abcdef", "v=spf1 -all"]);
    await expect(verifyDomain(svc, domain.id, zone)).rejects.toThrow(/No TXT record/);
    expect(await siteForHost(host)).toBeNull();

    zone.records.set(txtName(host), ["v=spf1 -all", domain.token]);
    const verified = await verifyDomain(svc, domain.id, zone);
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    const site = await siteForHost(`${host}:443`);
    expect(site).toMatchObject({ tenantId: tenant.id, partner: { partnerId: partner.id, name: "Northwind Fibre" } });

    // A suspended partner's domain serves nothing of it any more.
    await staff.partners.update({ id: partner.id, status: "SUSPENDED" });
    expect(await siteForHost(host)).toBeNull();
  });

  it("a partner's invitation opens on its verified domain, with the app's scheme and port", async () => {
    const { tenant, staff, partner, svc } = await reseller();
    const invite = async (email: string) => {
      await staff.partners.invite({ partnerId: partner.id, email, role: "partner_admin" });
      // The test environment has no email provider: the dev mailbox keeps the link.
      const mail = await t.prisma.emailMessage.findFirstOrThrow({ where: { toAddress: email } });
      return /https?:\/\/[^\s"<>]+\/invitation\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    };
    const host = `portal-${tenant.slug}.northwind.example`;
    const domain = await staff.partners.domains.add({ partnerId: partner.id, host });
    const appUrl = new URL(process.env.APP_URL ?? "http://localhost:3000");
    expect(new URL(await invite(`before-${tenant.slug}@northwind.example`)).host).toBe(appUrl.host);
    const zone = new FakeZone();
    zone.records.set(txtName(host), [domain.token]);
    await verifyDomain(svc, domain.id, zone);
    const link = new URL(await invite(`after-${tenant.slug}@northwind.example`));
    expect(link.protocol).toBe(appUrl.protocol);
    expect(link.host).toBe(appUrl.port ? `${host}:${appUrl.port}` : host);
  });

  it("a host belongs to one partner of one tenant; names are checked", async () => {
    const a = await reseller();
    const b = await reseller();
    const host = `shared-${a.tenant.slug}.example.net`;
    await addDomain(a.svc, a.partner.id, host);
    await expect(addDomain(b.svc, b.partner.id, host)).rejects.toThrow(/already in use/);
    await expect(addDomain(a.svc, a.partner.id, "not a host")).rejects.toThrow(/host name like/);
    await expect(addDomain(a.svc, a.partner.id, "localhost:3000")).rejects.toThrow();
    // Another tenant's partner is not found from this tenant.
    await expect(addDomain(a.svc, b.partner.id, `x-${b.tenant.slug}.example.org`)).rejects.toThrow(/not found/);
  });

  it("a tenant subdomain of the app's host picks the tenant; unknown hosts pick nothing", async () => {
    const { tenant } = await reseller();
    expect(await siteForHost(`${tenant.slug}.localhost:3000`)).toMatchObject({ tenantId: tenant.id, partner: null });
    expect(await siteForHost("no-such-tenant.localhost")).toBeNull();
    expect(await siteForHost("localhost:3000")).toBeNull();
    expect(normalizeHost(" Portal.Example.COM.:8443 ")).toBe("portal.example.com");
  });
});
