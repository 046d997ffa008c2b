// The portal side of the desk and attachments, on a real PostgreSQL: a subscriber opens,
// follows, answers and closes their own requests through the same tRPC caller a signed-in
// request uses; internal notes stay hidden; another customer's or tenant's tickets and files
// are NOT_FOUND; oversized or disallowed files are refused with a clear message.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber } from "@/server/testing/network-fixtures";
import { addAttachments, readAttachment } from "./attachments";
import { replyToTicket } from "./reply";

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let dir: string;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  t = await testDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "fiberops-attachments-"));
  process.env.ATTACHMENTS_DIR = dir;
  const a = await createTenant(t.prisma);
  const b = await createTenant(t.prisma);
  svc = { tenantId: a.id, db: tenantDb(a.id, t.prisma), actor: { userId: null, label: "agent@isp.example", ip: null } };
  other = { tenantId: b.id, db: tenantDb(b.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

async function portalUser(s: ServiceContext) {
  const sub = await createTestSubscriber(t.prisma, s);
  const user = await createUser(t.prisma, { roleKey: "subscriber", tenantId: s.tenantId, customerId: sub.customerId });
  return { sub, caller: await callerAs(t.prisma, user.id) };
}

describe("portal tickets", () => {
  it("a subscriber opens, follows, answers and closes their own request; notes stay hidden", async () => {
    const { sub, caller } = await portalUser(svc);
    const opened = await caller.tickets.portal.open({
      type: "FAULT",
      subject: "Internet drops every evening",
      description: "Since Monday, around 8 pm",
      subscriberId: sub.id,
    });
    const row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ channel: "PORTAL", customerId: sub.customerId, subscriberId: sub.id, status: "NEW" });
    await replyToTicket(svc, { ticketId: opened.id, body: "Checked the line: OLT port flapping", internal: true });
    await replyToTicket(svc, { ticketId: opened.id, body: "Can you reboot the router?", status: "PENDING_CUSTOMER" });
    const seen = await caller.tickets.portal.get({ id: opened.id });
    expect(seen.entries.map((e) => e.body)).toEqual(["Since Monday, around 8 pm", "Can you reboot the router?"]);
    expect(seen.entries[1]?.authorName).toBe("Support team");
    // The customer was told on their channels (the notification's inbox delivery).
    const inbox = await t.prisma.notificationDelivery.count({
      where: { subscriberId: sub.id, channel: "INBOX", template: "ticket_updated" },
    });
    expect(inbox).toBe(1);
    const answered = await caller.tickets.portal.reply({ ticketId: opened.id, body: "Rebooted, still drops" });
    expect(answered.followUp).toBe(false);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } })).status).toBe("OPEN");
    expect((await caller.tickets.portal.list({})).rows.map((r) => r.id)).toEqual([opened.id]);
    await caller.tickets.portal.close({ id: opened.id });
    expect((await caller.tickets.portal.get({ id: opened.id })).status).toBe("CLOSED");
  });

  it("another customer, another tenant and someone else's service are refused", async () => {
    const alice = await portalUser(svc);
    const bob = await portalUser(svc);
    const mine = await alice.caller.tickets.portal.open({ subject: "Alice's issue", description: "private" });
    await expect(bob.caller.tickets.portal.get({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.tickets.portal.reply({ ticketId: mine.id, body: "hi" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(bob.caller.tickets.portal.close({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await bob.caller.tickets.portal.list({})).rows).toHaveLength(0);
    await expect(
      bob.caller.tickets.portal.open({ subject: "On Alice's line", description: "x", subscriberId: alice.sub.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const foreign = await portalUser(other);
    await expect(foreign.caller.tickets.portal.get({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A subscriber has no access to the desk's procedures.
    await expect(alice.caller.tickets.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("attachments", () => {
  it("stores an allowed file and serves it only to who may read the ticket", async () => {
    const alice = await portalUser(svc);
    const bob = await portalUser(svc);
    const { id } = await alice.caller.tickets.portal.open({ subject: "Photo of the router", description: "see photo" });
    const [file] = await addAttachments(svc, id, [{ fileName: "router.png", bytes: PNG }], {
      customerId: alice.sub.customerId,
    });
    expect(file).toMatchObject({ fileName: "router.png", contentType: "image/png", sizeBytes: PNG.byteLength });
    const token = file?.accessToken as string;
    expect(token.length).toBeGreaterThanOrEqual(32);
    // Staff of the tenant and the customer read it; the other customer and tenant do not.
    expect((await readAttachment(svc, token, { customerId: null })).bytes).toEqual(PNG);
    expect((await readAttachment(svc, token, { customerId: alice.sub.customerId })).fileName).toBe("router.png");
    await expect(readAttachment(svc, token, { customerId: bob.sub.customerId })).rejects.toThrow(/not found/i);
    await expect(readAttachment(other, token, { customerId: null })).rejects.toThrow(/not found/i);
    await expect(addAttachments(other, id, [{ fileName: "x.png", bytes: PNG }], { customerId: null })).rejects.toThrow(
      /not found/i,
    );
    const shown = await alice.caller.tickets.portal.get({ id });
    expect(shown.entries[0]?.attachments[0]?.url).toBe(`/portal/attachments/${token}`);
  });

  it("refuses oversized and disallowed files with a clear message and stores nothing", async () => {
    const { caller, sub } = await portalUser(svc);
    const { id } = await caller.tickets.portal.open({ subject: "Files", description: "x" });
    const reader = { customerId: sub.customerId };
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    await expect(addAttachments(svc, id, [{ fileName: "huge.png", bytes: big }], reader)).rejects.toThrow(
      '"huge.png" is 10.0 MB; files may be at most 10 MB',
    );
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    await expect(addAttachments(svc, id, [{ fileName: "setup.exe", bytes: exe }], reader)).rejects.toThrow(
      '"setup.exe" is not an allowed type: attach images (PNG, JPEG, GIF, WebP), PDF or text',
    );
    expect(await t.prisma.ticketAttachment.count({ where: { ticketId: id } })).toBe(0);
  });
});
