// A reseller's white label on its customers' mail and invoices, on a real PostgreSQL: the
// invoice PDF, the invoice email and the portal invitation of a customer the reseller's agent
// brought wear the reseller's name and colour; a direct customer's wear the ISP's.
import { inflateSync } from "node:zlib";
import { PDFDocument, PDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoicePdf, runBillingCycle, startBillingSubscription } from "@/server/modules/billing";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { provideWhiteLabels } from "@/server/white-label";
import { resellerWhiteLabels } from "./partners";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
  // What instrumentation.ts does when the app starts.
  provideWhiteLabels(resellerWhiteLabels);
});
afterAll(() => t.drop());

/** The PDF's author and the text of its page content streams (drawing operators included). */
async function pdfContent(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes);
  const streams = pdf.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream)
    .map((s) => {
      const raw = Buffer.from(s.contents);
      return s.dict.toString().includes("/FlateDecode") ? inflateSync(raw).toString("latin1") : raw.toString("latin1");
    });
  return { author: pdf.getAuthor(), content: streams.join("\n") };
}

/** Text as pdf-lib shows it (a hex string operand). */
const shown = (text: string) => `<${Buffer.from(text, "latin1").toString("hex").toUpperCase()}>`;

/** pdf-lib's fill colour operator for a #rrggbb colour. */
function fillOf(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  return `${r} ${g} ${b} rg`;
}

describe("a reseller's white label", () => {
  it("is on its customers' invoice PDF and email; a direct customer's carry the ISP's", async () => {
    const w = await billingTenant(t.prisma);
    await t.prisma.tenant.update({
      where: { id: w.tenant.id },
      data: { brandName: "Lisbon Fibre", primaryColor: "#0b5394" },
    });
    const reseller = await t.prisma.partner.create({
      data: {
        tenantId: w.tenant.id,
        name: "North",
        type: "RESELLER",
        brandName: "North Fibre",
        primaryColor: "#7a1f5c",
        supportEmail: "help@north.example",
      },
    });
    const agent = await t.prisma.partner.create({
      data: { tenantId: w.tenant.id, name: "North street team", type: "AGENT", parentId: reseller.id },
    });
    const theirs = await createBilledSubscriber(t.prisma, w.tenant.id, w.basic.id, {
      name: "Grace Hopper",
      email: "grace@example.test",
    });
    await t.prisma.customer.update({ where: { id: theirs.customer.id }, data: { partnerId: agent.id } });
    const direct = await createBilledSubscriber(t.prisma, w.tenant.id, w.basic.id, {
      name: "Ada Lovelace",
      email: "ada@example.test",
    });
    for (const s of [theirs, direct])
      await startBillingSubscription(w.svc, s.subscriber, { at: new Date("2026-02-01T00:00:00Z") });
    await runBillingCycle(w.svc, { date: new Date("2026-03-01T00:00:00Z") });

    const invoiceOf = (customerId: string) => t.prisma.invoice.findFirstOrThrow({ where: { customerId } });
    const resellers = await pdfContent((await invoicePdf(w.svc, (await invoiceOf(theirs.customer.id)).id)).bytes);
    expect(resellers.author).toBe("North Fibre");
    expect(resellers.content).toContain(shown("North Fibre"));
    expect(resellers.content).toContain(shown("help@north.example"));
    expect(resellers.content).toContain(fillOf("#7a1f5c"));
    expect(resellers.content).not.toContain(fillOf("#0b5394"));
    const isps = await pdfContent((await invoicePdf(w.svc, (await invoiceOf(direct.customer.id)).id)).bytes);
    expect(isps.author).toBe("Lisbon Fibre");
    expect(isps.content).toContain(fillOf("#0b5394"));
    expect(isps.content).toContain(shown("Lisbon Fibre"));
    expect(isps.content).not.toContain(shown("North Fibre"));

    // The invoice notice each received: sender name, heading, colour and reply-to.
    const clerk = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: w.tenant.id })).id,
    );
    await clerk.billing.invoices.email({
      ids: [(await invoiceOf(theirs.customer.id)).id, (await invoiceOf(direct.customer.id)).id],
    });
    const mailTo = (to: string) =>
      t.prisma.emailMessage.findFirstOrThrow({
        where: { tenantId: w.tenant.id, toAddress: to, template: "invoice_issued" },
      });
    const grace = await mailTo("grace@example.test");
    expect(grace.fromAddress).toMatch(/^"North Fibre" </);
    expect(grace.html).toContain("North Fibre");
    expect(grace.html).toContain("#7a1f5c");
    expect(grace.html).not.toContain("Lisbon Fibre");
    expect(grace.replyTo).toBe("help@north.example");
    // An invoice of the customer (no one service: the email goes to the customer's address)
    // wears it too.
    const manual = await clerk.billing.invoices.createDraft({
      customerId: theirs.customer.id,
      lines: [{ description: "Router replacement", quantity: 1, unitAmountMinor: 4900, taxRateId: w.vat.id }],
    });
    await clerk.billing.invoices.issue({ ids: [manual.id], email: true });
    const manualMail = await t.prisma.emailMessage.findFirstOrThrow({
      where: { tenantId: w.tenant.id, toAddress: "grace@example.test", template: "invoice_issued" },
      orderBy: { createdAt: "desc" },
    });
    expect(manualMail.subject).toContain(
      (await t.prisma.invoice.findUniqueOrThrow({ where: { id: manual.id } })).number,
    );
    expect(manualMail.fromAddress).toMatch(/^"North Fibre" </);
    expect(manualMail.html).toContain("#7a1f5c");

    // So is the portal invitation (the identity module's email).
    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: w.tenant.id })).id);
    await csr.customers.inviteToPortal({ customerId: theirs.customer.id });
    const invitation = await t.prisma.emailMessage.findFirstOrThrow({
      where: { tenantId: w.tenant.id, toAddress: "grace@example.test", template: "invitation" },
    });
    expect(invitation.subject).toContain("North Fibre");
    expect(invitation.html).toContain("#7a1f5c");
    expect(invitation.fromAddress).toMatch(/^"North Fibre" </);

    const ada = await mailTo("ada@example.test");
    expect(ada.fromAddress).toMatch(/^"Lisbon Fibre" </);
    expect(ada.html).toContain("#0b5394");
    expect(ada.html).not.toContain("North Fibre");
  });
});
