import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvitationEmail } from "@/emails/invitation";
import { emailBrand } from "@/emails/layout";
import { encryptSecret } from "@/server/crypto";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type FakeResend, startFakeResend } from "@/simulator/resend/server";
import { sendEmail } from "./send";

let t: TestDatabase;
let fake: FakeResend;
beforeAll(async () => {
  t = await testDatabase();
  fake = await startFakeResend({ apiKey: "re_install_key" });
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  fake.reset();
});

function invitation(brandName: string) {
  return InvitationEmail({
    brand: emailBrand({ name: brandName, supportEmail: "help@acme.example" }),
    organisationName: brandName,
    roleName: "Tenant admin",
    acceptUrl: "http://localhost:3000/invitation/abc123",
    expiresAt: new Date("2030-01-01T00:00:00Z"),
  });
}

describe("sendEmail", () => {
  it("stores the rendered message in the outbox when no resend key is configured", async () => {
    const tenant = await createTenant(t.prisma);
    const sent = await sendEmail({
      tenant,
      to: "Ana@Example.com",
      subject: "Welcome",
      template: "invitation",
      react: invitation("Acme Fiber"),
    });
    expect(sent).toMatchObject({ status: "SENT", provider: "outbox", error: null });
    const row = await t.prisma.emailMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.tenantId).toBe(tenant.id);
    expect(row.toAddress).toBe("ana@example.com");
    expect(row.html).toContain("<html");
    expect(row.html).toContain("http://localhost:3000/invitation/abc123");
    expect(row.text).toContain("Accept the invitation");
    expect(row.text).not.toContain("<");
    expect(row.fromAddress).toContain(tenant.name);
    expect(fake.messages).toHaveLength(0);
  });

  it("delivers through the real resend client with the installation key and records the provider id", async () => {
    process.env.RESEND_API_KEY = "re_install_key";
    process.env.RESEND_BASE_URL = fake.url;
    const tenant = await createTenant(t.prisma);
    const sent = await sendEmail({
      tenant: await t.prisma.tenant.update({ where: { id: tenant.id }, data: { supportEmail: "support@isp.example" } }),
      to: "bob@example.com",
      subject: "Join us",
      template: "invitation",
      react: invitation("Acme Fiber"),
    });
    expect(sent.status).toBe("SENT");
    expect(sent.provider).toBe("resend");
    expect(fake.messages).toHaveLength(1);
    const got = fake.messages[0]!;
    expect(got.authorization).toBe("Bearer re_install_key");
    expect(got.to).toEqual(["bob@example.com"]);
    expect(got.subject).toBe("Join us");
    expect(got.from).toMatch(/<no-reply@fiberops\.local>$/);
    expect(got.html).toContain("http://localhost:3000/invitation/abc123");
    expect(got.text).toContain("Accept the invitation");
    expect(got.reply_to).toEqual(["support@isp.example"]);
    expect(got.idempotencyKey).toBe(sent.id);
    expect(got.userAgent).toMatch(/^resend-node:/);
    const row = await t.prisma.emailMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.providerId).toBe(got.id);
    expect(row.sentAt).not.toBeNull();
  });

  it("prefers the tenant's own (encrypted) resend key", async () => {
    process.env.RESEND_BASE_URL = fake.url;
    const other = await startFakeResend({ apiKey: "re_tenant_key" });
    try {
      process.env.RESEND_BASE_URL = other.url;
      const tenant = await createTenant(t.prisma);
      const updated = await t.prisma.tenant.update({
        where: { id: tenant.id },
        data: {
          settings: { email: { resendApiKey: encryptSecret("re_tenant_key"), fromAddress: "ISP <hi@isp.example>" } },
        },
      });
      const sent = await sendEmail({
        tenant: updated,
        to: "c@example.com",
        subject: "S",
        template: "t",
        react: invitation("X"),
      });
      expect(sent.status).toBe("SENT");
      expect(other.messages[0]?.authorization).toBe("Bearer re_tenant_key");
      expect(other.messages[0]?.from).toBe("ISP <hi@isp.example>");
    } finally {
      await other.close();
    }
  });

  it("records a server failure as FAILED with the provider's error", async () => {
    process.env.RESEND_API_KEY = "re_install_key";
    process.env.RESEND_BASE_URL = fake.url;
    fake.failNext({ status: 500, message: "Something broke" });
    const sent = await sendEmail({
      tenant: null,
      to: "d@example.com",
      subject: "S",
      template: "t",
      react: invitation("X"),
    });
    expect(sent.status).toBe("FAILED");
    expect(sent.error).toContain("HTTP 500");
    expect(sent.error).toContain("Something broke");
    expect(fake.messages).toHaveLength(0);
    const row = await t.prisma.emailMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.status).toBe("FAILED");
    expect(row.sentAt).toBeNull();
  });

  it("records a wrong key and an unreachable server as FAILED", async () => {
    process.env.RESEND_API_KEY = "re_wrong";
    process.env.RESEND_BASE_URL = fake.url;
    const refused = await sendEmail({
      tenant: null,
      to: "e@example.com",
      subject: "S",
      template: "t",
      react: invitation("X"),
    });
    expect(refused.status).toBe("FAILED");
    expect(refused.error).toContain("invalid_api_key");
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/emails", status: 403 });

    process.env.RESEND_BASE_URL = "http://127.0.0.1:9";
    const unreachable = await sendEmail({
      tenant: null,
      to: "f@example.com",
      subject: "S",
      template: "t",
      react: invitation("X"),
    });
    expect(unreachable.status).toBe("FAILED");
    expect(unreachable.error).toMatch(/resend/);
  });
});
