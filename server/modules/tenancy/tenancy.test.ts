import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { isEncrypted } from "@/server/crypto";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { fieldErrorsOf } from "@/server/trpc/init";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const baseInput = {
  slug: "acme-fiber",
  name: "Acme Fiber",
  legalName: "Acme Fiber Ltd",
  currency: "eur",
  timezone: "Europe/Berlin",
  locale: "de-DE",
  billingDay: 5,
  invoicePrefix: "ACME-",
  supportEmail: "help@acme.example",
  supportPhone: "+49 30 1234",
  taxRates: [
    { name: "VAT", percent: 19, isDefault: true },
    { name: "Reduced", percent: 7, isDefault: false },
  ],
  radius: { nasType: "mikrotik", coaPort: 3799, interimIntervalSeconds: 300, defaultNasSecret: "s3cret-nas" },
  firstAdmin: { email: "Admin@Acme.example", name: "Ada Admin" },
};

async function expectError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

describe("tenants (platform staff)", () => {
  it("creates a tenant with settings, tax rates and an invited first admin, all audited", async () => {
    const admin = await createUser(t.prisma, { roleKey: "platform_admin" });
    const caller = await callerAs(t.prisma, admin.id);
    const result = await caller.tenancy.tenants.create(baseInput);
    expect(result.tenant).toMatchObject({ slug: "acme-fiber", currency: "EUR", billingDay: 5, invoicePrefix: "ACME-" });
    expect(result.tenant.taxRates.map((r) => [r.name, r.basisPoints, r.isDefault])).toEqual([
      ["Reduced", 700, false],
      ["VAT", 1900, true],
    ]);
    expect(result.tenant.settings.radius).toMatchObject({ nasType: "mikrotik", hasDefaultNasSecret: true });
    expect(JSON.stringify(result.tenant)).not.toContain("s3cret-nas");
    expect(result.tenant.settings).not.toHaveProperty("integrations");

    const stored = await t.prisma.tenant.findUniqueOrThrow({ where: { id: result.tenant.id } });
    expect(isEncrypted((stored.settings as { radius: { defaultNasSecret: string } }).radius.defaultNasSecret)).toBe(
      true,
    );

    const invitation = await t.prisma.invitation.findUniqueOrThrow({
      where: { id: result.invitationId },
      include: { role: true },
    });
    expect(invitation).toMatchObject({ email: "admin@acme.example", tenantId: result.tenant.id });
    expect(invitation.role.key).toBe("tenant_admin");
    const email = await t.prisma.emailMessage.findFirstOrThrow({ where: { tenantId: result.tenant.id } });
    expect(email.toAddress).toBe("admin@acme.example");
    expect(email.html).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}/);
    expect(email.html).toContain("Acme Fiber");

    const audit = await t.prisma.auditLog.findMany({ where: { tenantId: result.tenant.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tenant.create", "invitation.create"]);
    expect(audit[0]!.actorId).toBe(admin.id);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("s3cret-nas");
  });

  it("refuses a duplicate slug, a bad currency, a bad timezone and a billing day past 28 with field errors", async () => {
    const admin = await createUser(t.prisma, { roleKey: "platform_admin" });
    const caller = await callerAs(t.prisma, admin.id);
    await caller.tenancy.tenants.create({ ...baseInput, slug: "dup-isp", firstAdmin: { email: "a@dup.example" } });
    const dup = await expectError(
      caller.tenancy.tenants.create({ ...baseInput, slug: "dup-isp", firstAdmin: { email: "b@dup.example" } }),
      "CONFLICT",
    );
    expect(dup.message).toContain('"dup-isp" is already taken');
    const badCurrency = await expectError(
      caller.tenancy.tenants.create({ ...baseInput, slug: "x-isp", currency: "EUX" }),
      "BAD_REQUEST",
    );
    expect(badCurrency.message).toContain("ISO 4217");
    await expectError(
      caller.tenancy.tenants.create({ ...baseInput, slug: "y-isp", timezone: "Mars/Base" }),
      "BAD_REQUEST",
    );
    await expectError(caller.tenancy.tenants.create({ ...baseInput, slug: "z-isp", billingDay: 31 }), "BAD_REQUEST");
    // Nothing of the refused attempts was written.
    expect(await t.prisma.tenant.count({ where: { slug: { in: ["x-isp", "y-isp", "z-isp"] } } })).toBe(0);
  });

  it("lists with search and pagination, suspends (users can no longer act) and reactivates", async () => {
    const admin = await createUser(t.prisma, { roleKey: "platform_admin" });
    const caller = await callerAs(t.prisma, admin.id);
    for (const slug of ["list-aa", "list-bb", "list-cc"]) await createTenant(t.prisma, slug);
    const page1 = await caller.tenancy.tenants.list({
      search: "list-",
      pageSize: 2,
      page: 1,
      sort: { id: "slug", desc: false },
    });
    expect(page1.total).toBe(3);
    expect(page1.rows.map((r) => r.slug)).toEqual(["list-aa", "list-bb"]);
    const page2 = await caller.tenancy.tenants.list({
      search: "list-",
      pageSize: 2,
      page: 2,
      sort: { id: "slug", desc: false },
    });
    expect(page2.rows.map((r) => r.slug)).toEqual(["list-cc"]);

    const tenant = page1.rows[0]!;
    expect(tenant.userCount).toBe(0);
    const staff = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    // Each tenant's users, counted by identity.
    const again = await caller.tenancy.tenants.list({ search: "list-aa", pageSize: 2, page: 1 });
    expect(again.rows.map((r) => r.userCount)).toEqual([1]);
    await caller.tenancy.tenants.suspend({ id: tenant.id, reason: "unpaid" });
    await expect(callerAs(t.prisma, staff.id)).rejects.toThrow(/cannot sign in/);
    await caller.tenancy.tenants.reactivate({ id: tenant.id });
    await expect((await callerAs(t.prisma, staff.id)).identity.me()).resolves.toMatchObject({ tenantId: tenant.id });
    const actions = await t.prisma.auditLog.findMany({ where: { targetId: tenant.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["tenant.suspend", "tenant.reactivate"]);
  });
});

describe("tenant settings (tenant admins)", () => {
  it("lets a tenant admin edit settings, branding and tax rates; keeps secrets write-only", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
    const caller = await callerAs(t.prisma, admin.id);
    const current = await caller.tenancy.settings.get();
    const { taxRates: _taxRates, settings: _settings, ...rest } = current;
    const updated = await caller.tenancy.settings.update({
      name: rest.name,
      legalName: rest.legalName,
      currency: "KES",
      timezone: "Africa/Nairobi",
      locale: "en-KE",
      billingDay: 28,
      invoicePrefix: "KE/",
      primaryColor: "#112233",
      accentColor: "#445566",
      brandName: "Fast Fiber",
      taxRates: [{ name: "VAT", percent: 16, isDefault: true }],
      email: { resendApiKey: "re_secret_123", fromAddress: "Fast <hi@fast.example>" },
    });
    expect(updated).toMatchObject({
      currency: "KES",
      timezone: "Africa/Nairobi",
      billingDay: 28,
      brandName: "Fast Fiber",
    });
    expect(updated.taxRates).toEqual([expect.objectContaining({ name: "VAT", basisPoints: 1600 })]);
    expect(updated.settings.email).toEqual({ fromAddress: "Fast <hi@fast.example>", hasResendApiKey: true });

    // Omitting the key keeps it; the tax rate list replaces the old one.
    const again = await caller.tenancy.settings.update({
      name: rest.name,
      legalName: rest.legalName,
      currency: "KES",
      timezone: "Africa/Nairobi",
      taxRates: [{ name: "Excise", percent: 15, isDefault: false }],
    });
    expect(again.settings.email.hasResendApiKey).toBe(true);
    expect(again.taxRates.map((r) => r.name)).toEqual(["Excise"]);
    const audit = await t.prisma.auditLog.findMany({
      where: { tenantId: tenant.id, action: "tenant.update_settings" },
    });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("re_secret_123");
  });

  it("refuses a brand colour the shell cannot be read on, and names each wrong field of a group", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
    const caller = await callerAs(t.prisma, admin.id);
    const error = await expectError(
      caller.tenancy.settings.update({
        name: "Light Fiber",
        legalName: "Light Fiber Ltd",
        currency: "EUR",
        timezone: "UTC",
        primaryColor: "#7fb3ff",
        taxRates: [
          { name: "VAT", percent: 20, isDefault: true },
          { name: "vat", percent: 120, isDefault: false },
        ],
        radius: { coaPort: 70_000 },
      }),
      "BAD_REQUEST",
    );
    expect(error.cause).toBeInstanceOf(ZodError);
    const fields = fieldErrorsOf(error.cause as ZodError);
    expect(fields.primaryColor?.[0]).toMatch(/^#7fb3ff is too light: .* \d\.\d\d:1 .* 4\.5:1 is needed/);
    expect(fields["taxRates.1.name"]).toEqual(["Another tax rate has this name"]);
    expect(fields["taxRates.1.percent"]).toEqual(["Use at most 100"]);
    expect(fields["radius.coaPort"]?.[0]).toBeTruthy();
    expect(fields["taxRates.0.name"]).toBeUndefined();
    // The settings are unchanged, and a readable dark colour is accepted.
    expect((await caller.tenancy.settings.get()).primaryColor).not.toBe("#7fb3ff");
    const saved = await caller.tenancy.settings.update({
      name: "Light Fiber",
      legalName: "Light Fiber Ltd",
      currency: "EUR",
      timezone: "UTC",
      primaryColor: "#1d4ed8",
    });
    expect(saved.primaryColor).toBe("#1d4ed8");
  });

  it("lets a CSR read but not change the settings", async () => {
    const tenant = await createTenant(t.prisma);
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const caller = await callerAs(t.prisma, csr.id);
    await expect(caller.tenancy.settings.get()).resolves.toMatchObject({ id: tenant.id });
    await expectError(
      caller.tenancy.settings.update({ name: "X", legalName: "X Ltd", currency: "EUR", timezone: "UTC" }),
      "FORBIDDEN",
    );
  });
});

describe("mailbox", () => {
  it("shows a tenant only its own emails and platform staff all of them", async () => {
    const platform = await createUser(t.prisma, { roleKey: "platform_admin" });
    const pcaller = await callerAs(t.prisma, platform.id);
    const a = await pcaller.tenancy.tenants.create({
      ...baseInput,
      slug: "mail-a",
      firstAdmin: { email: "a@mail-a.example" },
    });
    const b = await pcaller.tenancy.tenants.create({
      ...baseInput,
      slug: "mail-b",
      firstAdmin: { email: "b@mail-b.example" },
    });
    const adminA = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: a.tenant.id });
    const callerA = await callerAs(t.prisma, adminA.id);
    const own = await callerA.mailbox.list({});
    expect(own.rows.map((r) => r.toAddress)).toEqual(["a@mail-a.example"]);
    const fromB = await t.prisma.emailMessage.findFirstOrThrow({ where: { tenantId: b.tenant.id } });
    await expectError(callerA.mailbox.get({ id: fromB.id }), "NOT_FOUND");
    const all = await pcaller.mailbox.listAll({ search: "mail-" });
    expect(all.rows.map((r) => r.toAddress).sort()).toEqual(["a@mail-a.example", "b@mail-b.example"]);
    const message = await pcaller.mailbox.getAny({ id: fromB.id });
    expect(message.html).toContain("<html");
  });
});
