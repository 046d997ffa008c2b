// Magic-link sign-in on a real PostgreSQL: a subscriber of a tenant that allows it gets a link
// that works once and expires; the request answers the same for anyone (no email for unknown,
// staff or not-allowed addresses); requests are rate-limited per IP and per account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { LIMITS } from "@/server/rate-limit";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, createTenant, createUser } from "@/server/testing/fixtures";
import { describeSignInLink, requestSignInLink, sendSignInLink, signInWithLink } from "./sign-in-link";

// Link emails are sent by a job, as in production.
const executor = new EmbeddedExecutor({ workerId: "sign-in-link-test", backoffMs: () => 10 });
let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function tenantWith(magicLink: boolean) {
  const tenant = await createTenant(t.prisma);
  await t.prisma.tenant.update({ where: { id: tenant.id }, data: { settings: { portal: { magicLink } } } });
  const subscriber = await createUser(t.prisma, { roleKey: "subscriber", tenantId: tenant.id });
  const staff = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
  return { tenant, subscriber, staff };
}

const mailsTo = (to: string) =>
  t.prisma.emailMessage.findMany({ where: { toAddress: to, template: "sign-in-link" }, orderBy: { createdAt: "asc" } });

function tokenIn(text: string) {
  const match = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no sign-in link in the email");
  return match[1]!;
}

describe("sign-in links", () => {
  it("sign a subscriber in once; the same answer and no email for anyone else", async () => {
    const on = await tenantWith(true);
    const off = await tenantWith(false);
    const anon = anonymousCaller();
    for (const email of [on.subscriber.email, "nobody@example.test", on.staff.email, off.subscriber.email])
      await expect(anon.identity.signInLink.request({ email })).resolves.toEqual({ ok: true });
    await executor.runUntilIdle({ advanceClock: true });
    expect(await mailsTo("nobody@example.test")).toHaveLength(0);
    expect(await mailsTo(on.staff.email)).toHaveLength(0);
    expect(await mailsTo(off.subscriber.email)).toHaveLength(0);
    const [mail] = await mailsTo(on.subscriber.email);
    const token = tokenIn(mail!.text);
    const stored = await t.prisma.signInLink.findFirstOrThrow({ where: { userId: on.subscriber.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    await expect(anon.identity.signInLink.lookup({ token })).resolves.toMatchObject({ email: on.subscriber.email });
    const first = await signInWithLink(token, "203.0.113.9");
    expect(first).toMatchObject({ ok: true, user: { id: on.subscriber.id } });
    // Used: the second try fails, and the page says why.
    expect(await signInWithLink(token, "203.0.113.9")).toEqual({ ok: false, reason: "invalid" });
    await expect(describeSignInLink(token)).rejects.toThrow(/already used/);
    expect(await signInWithLink("not-a-token", null)).toEqual({ ok: false, reason: "invalid" });
    // Two tabs using one link at once: only one signs in.
    await sendSignInLink(on.subscriber.email, null);
    const again = tokenIn((await mailsTo(on.subscriber.email)).at(-1)!.text);
    const raced = await Promise.all([signInWithLink(again, null), signInWithLink(again, null)]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses an expired link, and one whose tenant has since switched links off", async () => {
    const { tenant, subscriber } = await tenantWith(true);
    expect(await sendSignInLink(subscriber.email, null)).toBe("sent");
    const token = tokenIn((await mailsTo(subscriber.email))[0]!.text);
    await t.prisma.signInLink.updateMany({
      where: { userId: subscriber.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expect(describeSignInLink(token)).rejects.toThrow(/expired/);
    expect(await signInWithLink(token, null)).toEqual({ ok: false, reason: "invalid" });

    expect(await sendSignInLink(subscriber.email, null)).toBe("sent");
    const fresh = tokenIn((await mailsTo(subscriber.email)).at(-1)!.text);
    await t.prisma.tenant.update({ where: { id: tenant.id }, data: { settings: { portal: { magicLink: false } } } });
    await expect(describeSignInLink(fresh)).rejects.toThrow(/switched off/);
    expect(await signInWithLink(fresh, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("limits requests per IP and emails per account", async () => {
    const { subscriber } = await tenantWith(true);
    const scale = Number(process.env.RATE_LIMIT_SCALE ?? 1) || 1;
    const perIp = Math.floor(LIMITS.emailLinkPerIp.max * scale);
    for (let i = 0; i < perIp; i++) await requestSignInLink(`someone-${i}@example.test`, "198.51.100.4");
    await expect(requestSignInLink(subscriber.email, "198.51.100.4")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Another IP is not held up; the account gets a few emails an hour, then no more.
    const perAccount = Math.floor(LIMITS.emailLinkPerAccount.max * scale);
    const outcomes = [];
    for (let i = 0; i <= perAccount; i++) outcomes.push(await sendSignInLink(subscriber.email, "198.51.100.5"));
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(perAccount);
    expect(outcomes.at(-1)).toBe("limit reached");
    expect(await mailsTo(subscriber.email)).toHaveLength(perAccount);
  });
});
