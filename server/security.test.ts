// Regression tests of the attack run in issue #11 that concern the shared defences (rate
// limits, API tokens, sessions, redirects, input); the others sit beside their module's code
// and are named "security #11.<n>: …" too.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { announcementData } from "@/emails/announcement";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { LINK_NOT_STORED } from "@/server/adapters/email";
import { idempotentResponse, withIdempotency } from "@/server/idempotency";
import { landingAfterSignIn } from "@/server/landing";
import { containsPattern } from "@/server/list";
import { builtInRole, endSession, startSession, userOfSession, verifyCredentials } from "@/server/modules/identity";
import { unsealJobInput } from "@/server/orchestration/runner";
import { LIMITS, takeRateLimit } from "@/server/rate-limit";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser, TEST_PASSWORD } from "@/server/testing/fixtures";
import { createTestSubscriber, tenantContext as tenantContextFor } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";
import { appRouter } from "@/server/trpc/root";
import { startFakeResend } from "@/simulator/resend/server";

// next-auth cannot load under vitest (it imports next/server); REST calls here use API tokens.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
const executor = new EmbeddedExecutor({ workerId: "security-test", backoffMs: () => 10 });
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const anonymousFrom = (ip: string) => appRouter.createCaller({ user: null, ip });

describe("security #11.9: rate limits stored in PostgreSQL", () => {
  it("counts parallel hits atomically", async () => {
    const limit = { max: 10, windowSeconds: 3600 };
    const results = await Promise.all(Array.from({ length: 40 }, () => takeRateLimit("test:parallel", limit)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.map((r) => r.retryAfterSeconds).filter((s) => !(s > 0 && s <= 3600))).toEqual([]);
  });

  it("refuses sign-ins beyond the per-IP limit, whatever the accounts tried", async () => {
    const ip = "198.51.100.40";
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => verifyCredentials(`guess-${i}@test.example`, "wrong-pass-1", ip)),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(LIMITS.signInPerIp.max);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(40 - LIMITS.signInPerIp.max);
    // Another client is not affected.
    expect((await verifyCredentials("someone@test.example", "wrong-pass-1", "198.51.100.41")).ok).toBe(false);
  });

  it("refuses sign-ins beyond the per-account limit from many IPs, even with the right password", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++)
      await takeRateLimit(`sign-in:account:${user.email}`, LIMITS.signInPerAccount);
    expect(await verifyCredentials(user.email, TEST_PASSWORD, "198.51.100.42")).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("answers reset requests beyond the per-IP limit with TOO_MANY_REQUESTS, and sends at most 3 per account under a race", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        anonymousFrom(`198.51.100.${50 + i}`).identity.passwordReset.request({ email: user.email }),
      ),
    );
    expect(racing.every((r) => r.ok)).toBe(true);
    await executor.runUntilIdle({ advanceClock: true });
    expect(await t.prisma.emailMessage.count({ where: { toAddress: user.email } })).toBe(3);

    const caller = anonymousFrom("198.51.100.60");
    const answers = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => caller.identity.passwordReset.request({ email: `n${i}@test.example` })),
    );
    const refused = answers.filter((a) => a.status === "rejected");
    expect(answers.length - refused.length).toBe(LIMITS.resetPerIp.max);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("limits every public procedure per IP (invitation lookups)", async () => {
    const caller = anonymousFrom("198.51.100.70");
    const codes: string[] = [];
    for (let i = 0; i < LIMITS.publicPerIp.max + 2; i++)
      codes.push(
        await caller.identity.invitations.lookup({ token: `not-a-real-token-${i}` }).then(
          () => "OK",
          (e: { code: string }) => e.code,
        ),
      );
    expect(codes.slice(0, LIMITS.publicPerIp.max).every((c) => c === "NOT_FOUND")).toBe(true);
    expect(codes.slice(LIMITS.publicPerIp.max)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});

describe("security #11.7/#11.9: API tokens", () => {
  const job = "00000000-0000-7000-8000-000000000000";
  async function tokenOf(tenantId: string, name: string) {
    const noc = await builtInRole(t.prisma, "noc_engineer");
    const token = `fo_test_${name}_0123456789abcdef`;
    await t.prisma.apiToken.create({
      data: { tenantId, name, roleId: noc.id, tokenHash: hashToken(token), prefix: "fo_test" },
    });
    return token;
  }

  it("a suspended tenant's API tokens are refused", async () => {
    const tenant = await createTenant(t.prisma);
    const token = await tokenOf(tenant.id, "suspended");
    expect((await callApi("GET", `/orchestration/jobs/${job}`, { token })).status).toBe(404);
    await t.prisma.tenant.update({ where: { id: tenant.id }, data: { status: "SUSPENDED" } });
    const refused = await callApi("GET", `/orchestration/jobs/${job}`, { token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/suspended/);
  });

  it("guessing tokens from one IP gets 429 with Retry-After", async () => {
    const statuses: number[] = [];
    let last: Headers | null = null;
    for (let i = 0; i < LIMITS.apiTokenFailuresPerIp.max + 1; i++) {
      const answer = await callApi("GET", `/orchestration/jobs/${job}`, {
        token: `fo_guess_${i}`,
        headers: { "x-forwarded-for": "198.51.100.80" },
      });
      statuses.push(answer.status);
      last = answer.headers;
    }
    expect(statuses.at(0)).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("security #11.3: open redirect after sign-in", () => {
  it("lands only on a same-origin path the audience may open, judged after normalising it", () => {
    for (const next of [
      "/noc/../..//127.0.0.1:9/pwned",
      "/noc/%2e%2e/%2e%2e//127.0.0.1:9/pwned",
      "/noc/..\\..\\/127.0.0.1:9/pwned",
      "//evil.example/noc",
      "/\\evil.example/noc",
      "https://evil.example/noc",
      "javascript:alert(1)",
      "/noc/../admin",
    ])
      expect([next, landingAfterSignIn(next, "STAFF", "noc_engineer")]).toEqual([next, "/noc"]);
    expect(landingAfterSignIn("/noc/customers?q=a#top", "STAFF", "noc_engineer")).toBe("/noc/customers?q=a#top");
    expect(landingAfterSignIn("/portal/../noc/x", "STAFF", "noc_engineer")).toBe("/noc/x");
    expect(landingAfterSignIn("/noc", "SUBSCRIBER", "subscriber")).toBe("/portal");
  });
});

describe("security #11.4: sign-out ends the session on the server", () => {
  it("a session's cookie claims stop working once it is ended, expired, or if they name no session", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const sid = await startSession(user.id, "198.51.100.90");
    expect((await userOfSession({ id: user.id, sv: 0, sid }))?.email).toBe(user.email);
    expect(await userOfSession({ id: user.id, sv: 0 })).toBeNull();
    const other = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    expect(await userOfSession({ id: other.id, sv: 0, sid })).toBeNull();
    await endSession(sid);
    expect(await userOfSession({ id: user.id, sv: 0, sid })).toBeNull();

    const expired = await startSession(user.id, null);
    await t.prisma.userSession.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userOfSession({ id: user.id, sv: 0, sid: expired })).toBeNull();
  });
});

describe("security #11.12: malformed input", () => {
  it("a path id that is not a UUID answers 400 or 404 with a JSON body, never a 500", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await builtInRole(t.prisma, "tenant_admin");
    const token = "fo_test_malformed_0123456789abcdef";
    await t.prisma.apiToken.create({
      data: {
        tenantId: tenant.id,
        name: "malformed",
        roleId: admin.id,
        tokenHash: hashToken(token),
        prefix: "fo_test",
      },
    });
    for (const path of ["/orchestration/jobs/not-a-uuid", "/voltha/olts/not-a-uuid/ports", "/tickets/not-a-uuid"]) {
      const answer = await callApi("GET", path, { token });
      expect([path, [400, 404].includes(answer.status)]).toEqual([path, true]);
      expect(["INVALID", "NOT_FOUND"]).toContain(answer.body.error.code);
    }
    const { GET } = await import("@/app/billing/invoices/[id]/pdf/route");
    const pdf = await GET(
      new Request("http://localhost/billing/invoices/not-a-uuid/pdf", {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ id: "not-a-uuid" }) },
    );
    expect(pdf.status).toBe(400);
    expect((await pdf.json()).error.code).toBe("INVALID");
  });

  it("the public reset procedure refuses an email longer than SMTP allows, without sending", async () => {
    const huge = `${"a".repeat(300_000)}@example.com`;
    const error = await anonymousFrom("198.51.100.120")
      .identity.passwordReset.request({ email: huge })
      .then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
    expect(error?.code).toBe("BAD_REQUEST");
    expect(await t.prisma.emailMessage.count({ where: { toAddress: { startsWith: "aaaa" } } })).toBe(0);
  });

  it("% and _ in a search match themselves, not anything", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
    await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id, email: "plain-name@test.example" });
    const caller = await callerAs(t.prisma, admin.id);
    expect((await caller.identity.users.list({ search: "%" })).total).toBe(0);
    expect((await caller.identity.users.list({ search: "plain_name" })).total).toBe(0);
    // Raw ILIKE searches (AR ageing) escape them through one helper.
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    const [{ hits }] = await t.prisma.$queryRaw<{ hits: number }[]>`
      SELECT count(*)::int AS hits FROM (VALUES ('plain-name'), ('100%'), ('a_b')) v(x) WHERE x ILIKE ${containsPattern("%")} OR x ILIKE ${containsPattern("_")}`;
    expect(hits).toBe(2);
  });

  it("an announcement link is a web address, never javascript: or data:", () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>"])
      expect(announcementData.safeParse({ title: "x", message: "y", url }).success).toBe(false);
    expect(announcementData.safeParse({ title: "x", message: "y", url: "https://example.com/offer" }).success).toBe(
      true,
    );
  });
});

describe("security #11.10: another tenant's ids never reach the orchestration", () => {
  it("provision, suspend, change plan and teardown with A's ids, started by B, create no job at all", async () => {
    const svcA = await tenantContextFor(t.prisma);
    const subscriber = await createTestSubscriber(t.prisma, svcA);
    const tenantB = await createTenant(t.prisma);
    const adminB = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenantB.id });
    const b = await callerAs(t.prisma, adminB.id);
    const refused = async (call: Promise<unknown>) =>
      expect(
        await call.then(
          () => null,
          (e: { code?: string }) => e.code,
        ),
      ).toBe("NOT_FOUND");
    await refused(b.orchestration.provisionSubscriber({ input: { subscriberId: subscriber.id } }));
    await refused(
      b.orchestration.provisionSubscriber({ input: { customerId: subscriber.customerId, planId: subscriber.planId } }),
    );
    await refused(b.orchestration.suspendSubscriber({ input: { subscriberId: subscriber.id } }));
    await refused(b.orchestration.changePlan({ input: { subscriberId: subscriber.id, planId: subscriber.planId } }));
    await refused(b.subscribers.cancellation.request({ subscriberId: subscriber.id }));
    expect(await t.prisma.orchestrationJob.count({ where: { tenantId: tenantB.id } })).toBe(0);
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: subscriber.id } })).toBe(0);
  });

  it("a job's lock key names its tenant, so two tenants never share one", async () => {
    const svcA = await tenantContextFor(t.prisma);
    const subscriber = await createTestSubscriber(t.prisma, svcA);
    const adminA = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: svcA.tenantId });
    const job = await (await callerAs(t.prisma, adminA.id)).orchestration.suspendSubscriber({
      input: { subscriberId: subscriber.id },
    });
    const events = await t.prisma.$queryRaw<{ lockKey: string }[]>`
      SELECT data->>'lockKey' AS "lockKey" FROM "ExecutorEvent" WHERE data->>'jobId' = ${job.id}`;
    expect(events.map((e) => e.lockKey)).toEqual([`${svcA.tenantId}:${subscriber.id}`]);
  });
});

describe("security #11.11: secrets at rest", () => {
  it("an idempotent result is stored sealed, and a replay still answers it", async () => {
    const svc = await tenantContextFor(t.prisma);
    const work = async () => ({ username: "sub-1", password: "radius-pass-not-at-rest" });
    expect(await withIdempotency(svc, "test.secret", "key-1", { a: 1 }, work)).toMatchObject({
      password: "radius-pass-not-at-rest",
    });
    const [row] = await t.prisma.$queryRaw<{ raw: string }[]>`
      SELECT response::text AS raw FROM "IdempotencyRecord" WHERE "tenantId" = ${svc.tenantId}::uuid AND key = 'key-1'`;
    expect(row!.raw).not.toContain("radius-pass-not-at-rest");
    const replay = await withIdempotency(svc, "test.secret", "key-1", { a: 1 }, async () => ({ password: "other" }));
    expect(replay).toEqual({ username: "sub-1", password: "radius-pass-not-at-rest" });
    expect(await idempotentResponse(svc, "test.secret", "key-1")).toEqual(replay);
  });

  it("a provisioning job keeps the subscriber's password and Wi-Fi passphrase sealed in its input", async () => {
    const svcA = await tenantContextFor(t.prisma);
    const existing = await createTestSubscriber(t.prisma, svcA);
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: svcA.tenantId });
    const job = await (await callerAs(t.prisma, admin.id)).orchestration.provisionSubscriber({
      input: {
        customerId: existing.customerId,
        planId: existing.planId,
        password: "pppoe-secret-42",
        wifi: { ssid: "Home", passphrase: "wifi-secret-4242" },
      },
    });
    const [row] = await t.prisma.$queryRaw<{ raw: string; input: unknown }[]>`
      SELECT input::text AS raw, input FROM "OrchestrationJob" WHERE id = ${job.id}::uuid`;
    expect(row!.raw).not.toContain("pppoe-secret-42");
    expect(row!.raw).not.toContain("wifi-secret-4242");
    expect(row!.raw).toContain("Home");
    // The steps read it back whole.
    expect(unsealJobInput(row!.input)).toMatchObject({
      password: "pppoe-secret-42",
      wifi: { ssid: "Home", passphrase: "wifi-secret-4242" },
    });
  });
});

describe("security #11.11: secret links never rest in the outbox", () => {
  const linkIn = (content: string, path: string) =>
    new RegExp(`https?://[^\\s"<>]+/${path}/[A-Za-z0-9_-]{20,}`).exec(content)?.[0];

  /** A tenant admin (who holds mailbox.read) invites someone and asks for a password reset. */
  async function inviteAndReset() {
    const tenant = await createTenant(t.prisma);
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
    const caller = await callerAs(t.prisma, admin.id);
    const csr = await builtInRole(t.prisma, "csr");
    const invitee = `invitee-${tenant.id.slice(-8)}@example.com`;
    await caller.identity.invitations.create({ email: invitee, roleId: csr.id });
    await anonymousFrom("198.51.100.77").identity.passwordReset.request({ email: admin.email });
    await executor.runUntilIdle({ advanceClock: true });
    const mailbox = await caller.mailbox.list({ page: 1, pageSize: 50 });
    const messages = await Promise.all(mailbox.rows.map((row) => caller.mailbox.get({ id: row.id })));
    return { tenant, invitee, admin, messages };
  }

  it("a mailbox.read holder never sees a live invitation or reset link when a provider delivers", async () => {
    const fake = await startFakeResend({ apiKey: "re_links" });
    vi.stubEnv("RESEND_API_KEY", "re_links");
    vi.stubEnv("RESEND_BASE_URL", fake.url);
    try {
      const { tenant, invitee, admin, messages } = await inviteAndReset();
      expect(messages.map((m) => [m.template, m.provider, m.status]).sort()).toEqual([
        ["invitation", "resend", "SENT"],
        ["password-reset", "resend", "SENT"],
      ]);
      // The recipient got working links ...
      const delivered = (to: string) => fake.messages.find((m) => m.to[0] === to)!;
      const invitation = linkIn(delivered(invitee).html!, "invitation")!;
      const reset = linkIn(delivered(admin.email).text!, "reset-password")!;
      const anon = anonymousFrom("198.51.100.78");
      await expect(anon.identity.invitations.lookup({ token: invitation.split("/").at(-1)! })).resolves.toMatchObject({
        email: invitee,
      });
      await expect(anon.identity.passwordReset.lookup({ token: reset.split("/").at(-1)! })).resolves.toMatchObject({
        email: admin.email,
      });
      // ... and the mailbox (every field of every message) holds neither, only the note in their place.
      for (const message of messages) {
        const everything = JSON.stringify(message);
        expect(everything).not.toContain(invitation.split("/").at(-1));
        expect(everything).not.toContain(reset.split("/").at(-1));
        expect(message.html).toContain(LINK_NOT_STORED);
        expect(message.text).toContain(LINK_NOT_STORED);
        expect(message.text).toMatch(/Accept the invitation|Choose a new password|reset/i);
      }
      const [stored] = await t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "EmailMessage" WHERE "tenantId" = ${tenant.id}::uuid
          AND (html ~ '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}' OR text ~ '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}')`;
      expect(stored!.n).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      await fake.close();
    }
  });

  it("without a provider the mailbox shows the links only in a demo, never in production", async () => {
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("NODE_ENV", "production");
    try {
      const production = await inviteAndReset();
      for (const message of production.messages) {
        expect(message.provider).toBe("outbox");
        expect(linkIn(message.html + message.text, "(invitation|reset-password)")).toBeUndefined();
        expect(message.text).toContain(LINK_NOT_STORED);
      }
      // `npm run demo` (a production build too) marks itself: its dev mailbox is how links arrive.
      vi.stubEnv("FIBEROPS_DEMO_MAILBOX", "1");
      const demo = await inviteAndReset();
      const invitation = demo.messages.find((m) => m.template === "invitation")!;
      expect(linkIn(invitation.html, "invitation")).toBeDefined();
      expect(linkIn(demo.messages.find((m) => m.template === "password-reset")!.text, "reset-password")).toBeDefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
