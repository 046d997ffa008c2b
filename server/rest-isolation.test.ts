// GENERATED coverage of the REST API (every route of API_ROUTES, including ones added later):
// 1. Permissions: an API token of every built-in staff role calls every route; a role without
//    the route's permission gets 403 before anything runs, a role with it never does; a token
//    scoped to one permission is refused everything else; a suspended tenant's token everything.
// 2. Tenant isolation: tenant B gets one row in every tenant table (from the database
//    catalogue), then tenant A's admin token calls every route with B's ids in the path and in
//    every *_id field of the body. Nothing of B may come back, B's rows must be unchanged, and
//    none of A's rows may come to point at B's (a job or ticket of A on B's subscriber).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_ROUTES } from "@/app/api/v1/routes";
import { BUILT_IN_ROLES, builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { sample, type ZodLike } from "@/server/testing/probe-inputs";
import { dispatchApi } from "@/server/testing/rest";
import { MARKER, seedEveryTenantTable, snapshotTenant } from "@/server/testing/tenant-rows";

// next-auth cannot load under vitest (it imports next/server); these calls use API tokens.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let sql: pg.Client;
beforeAll(async () => {
  t = await testDatabase();
  sql = new pg.Client({ connectionString: t.url });
  await sql.connect();
});
afterAll(async () => {
  await sql.end();
  await t.drop();
});

const STAFF_ROLES = BUILT_IN_ROLES.filter((r) => r.audience === "STAFF");

async function tokenFor(tenantId: string, roleKey: string, scopes: string[] = []) {
  const role = await builtInRole(t.prisma, roleKey);
  const token = `fo_test_${randomUUID().replaceAll("-", "")}`;
  await t.prisma.apiToken.create({
    data: {
      tenantId,
      name: `${roleKey} ${scopes.join(" ")}`.trim(),
      roleId: role.id,
      tokenHash: hashToken(token),
      prefix: "fo_test",
      scopes,
    },
  });
  return token;
}

type Answer = { status: number; text: string } | "timeout";

/** One request; a call still busy after 5 s passed the permission check (it runs real work). */
async function send(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined || method === "GET" ? undefined : JSON.stringify(body),
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 5_000);
  });
  try {
    return await Promise.race([
      dispatchApi(req).then(async (res) => ({ status: res.status, text: await res.text() })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/tickets/{ticket_id}` with every parameter filled by `fill(name)`. */
const concrete = (path: string, fill: (name: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(fill(name)));

const bodyOf = (route: (typeof API_ROUTES)[number]) =>
  route.body ? sample(route.body as unknown as ZodLike) : undefined;

describe("REST permissions over every route", () => {
  it("finds the routes", () => {
    expect(API_ROUTES.length).toBeGreaterThan(20);
  });

  it("a role without a route's permission gets 403 on it; a role with it never does", async () => {
    const tenant = await createTenant(t.prisma);
    const tokens = new Map<string, string>();
    for (const role of STAFF_ROLES) tokens.set(role.key, await tokenFor(tenant.id, role.key));
    const problems: string[] = [];
    let refusals = 0;
    for (const route of API_ROUTES) {
      const path = concrete(route.path, () => randomUUID());
      const holders = STAFF_ROLES.filter((r) => (r.permissions as readonly string[]).includes(route.permission));
      for (const role of STAFF_ROLES.filter((r) => !holders.includes(r))) {
        const answer = await send(route.method, path, tokens.get(role.key)!, bodyOf(route));
        refusals++;
        if (answer === "timeout" || answer.status !== 403)
          problems.push(
            `${route.method} ${route.path}: ${role.key} lacks ${route.permission} but got ${answer === "timeout" ? "a running call" : answer.status}`,
          );
      }
      // One holder is enough to show the check lets it through (the others hold the same permission).
      const holder = holders[0];
      if (holder) {
        const answer = await send(route.method, path, tokens.get(holder.key)!, bodyOf(route));
        if (answer !== "timeout" && (answer.status === 401 || answer.status === 403))
          problems.push(
            `${route.method} ${route.path}: ${holder.key} holds ${route.permission} but got ${answer.status}`,
          );
      }
    }
    expect(refusals).toBeGreaterThan(API_ROUTES.length);
    expect(problems).toEqual([]);
  }, 300_000);

  it("a token scoped to one permission is refused every route that needs another", async () => {
    const tenant = await createTenant(t.prisma);
    const scoped = await tokenFor(tenant.id, "tenant_admin", ["ticket.read"]);
    const problems: string[] = [];
    for (const route of API_ROUTES.filter((r) => r.permission !== "ticket.read")) {
      const answer = await send(
        route.method,
        concrete(route.path, () => randomUUID()),
        scoped,
        bodyOf(route),
      );
      if (answer === "timeout" || answer.status !== 403)
        problems.push(`${route.method} ${route.path}: got ${answer === "timeout" ? "a running call" : answer.status}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe("REST and a suspended tenant", () => {
  it("a suspended tenant's admin token is refused on every route", async () => {
    const tenant = await createTenant(t.prisma);
    const token = await tokenFor(tenant.id, "tenant_admin");
    await t.prisma.tenant.update({ where: { id: tenant.id }, data: { status: "SUSPENDED" } });
    const problems: string[] = [];
    for (const route of API_ROUTES) {
      const answer = await send(
        route.method,
        concrete(route.path, () => randomUUID()),
        token,
        bodyOf(route),
      );
      if (answer === "timeout" || answer.status !== 403)
        problems.push(`${route.method} ${route.path}: got ${answer === "timeout" ? "a running call" : answer.status}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

/** The *_id / *_ids fields of a body sample, at the top level. */
function idFieldsOf(body: unknown): string[] {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [];
  return Object.keys(body).filter((k) => /(^id|_id|_ids|Id|Ids)$/.test(k));
}

describe("REST tenant isolation over every route", () => {
  it("tenant A's admin token, given tenant B's ids, gets nothing of B and changes nothing of B", async () => {
    const a = await createTenant(t.prisma);
    const b = await createTenant(t.prisma);
    const { seeded, pks, tenantTables } = await seedEveryTenantTable(sql, b.id);
    // B's values by table and column, to fill parameters by name (an {id} after /olts/ is an Olt's id).
    const bIds: Array<{ table: string; value: string }> = [{ table: "Tenant", value: b.id }];
    for (const [table, row] of seeded) {
      const pk = pks.get(table);
      // Short keys ("1") would match anything; B's ids are UUIDs or long texts.
      if (pk && typeof row[pk] === "string" && (row[pk] as string).length >= 8)
        bIds.push({ table, value: row[pk] as string });
    }
    const candidates = (hint: string) => {
      const base = hint
        .replace(/_ids?$|Ids?$/, "")
        .replace(/s$/, "")
        .replace(/[^a-z]/gi, "")
        .toLowerCase();
      const matching = bIds.filter((x) => base && x.table.toLowerCase().endsWith(base));
      return (matching.length ? matching : bIds).map((x) => x.value);
    };
    /** A non-id parameter ({serial}, {port}): B's values of columns with that name. */
    const valuesNamed = (name: string) =>
      [...seeded.values()].flatMap((row) =>
        Object.entries(row)
          .filter(([column, v]) => typeof v === "string" && column.toLowerCase().includes(name.toLowerCase()))
          .map(([, v]) => v as string),
      );

    const tokenA = await tokenFor(a.id, "tenant_admin");
    const before = await snapshotTenant(sql, tenantTables, b.id);
    const bValues = new Set(bIds.map((x) => x.value));
    const leaks: string[] = [];
    let calls = 0;
    let sent = "";
    for (const route of API_ROUTES) {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const body = bodyOf(route) as Record<string, unknown> | undefined;
      const bodyIds = idFieldsOf(body);
      if (!params.length && !bodyIds.length) continue;
      // Each parameter in turn gets each of B's candidate values; the others get fresh UUIDs.
      const variants: Array<{ path: string; body: unknown; what: string }> = [];
      for (const param of params) {
        const segment = route.path.split("/").at(route.path.split("/").indexOf(`{${param}}`) - 1) ?? "";
        const values = /id$/i.test(param) ? candidates(param === "id" ? segment : param) : valuesNamed(param);
        for (const value of values)
          variants.push({
            path: concrete(route.path, (name) => (name === param ? value : randomUUID())),
            body,
            what: `{${param}}`,
          });
      }
      for (const field of bodyIds)
        for (const value of candidates(field))
          variants.push({
            path: concrete(route.path, () => randomUUID()),
            body: { ...body, [field]: /s$/.test(field) ? [value] : value },
            what: field,
          });
      for (const variant of variants) {
        calls++;
        sent += variant.path + JSON.stringify(variant.body ?? null);
        const answer = await send(route.method, variant.path, tokenA, variant.body);
        if (answer === "timeout" || answer.status >= 300) continue;
        // What A itself sent (in this request or an earlier one: free-text references A stored)
        // may come back; anything else of B is a leak.
        const shown = [...bValues, b.id].filter((v) => answer.text.includes(v) && !sent.includes(v));
        if (answer.text.includes(MARKER) || shown.length)
          leaks.push(`${route.method} ${route.path} with B's ${variant.what} answered B's data`);
      }
    }
    const after = await snapshotTenant(sql, tenantTables, b.id);
    // A's rows must not have come to name any of B's rows.
    const aRows = await snapshotTenant(sql, tenantTables, a.id);
    const pointing = [...bValues].filter((v) => v !== b.id && aRows.includes(v));
    console.info(`rest-isolation: ${calls} calls with tenant B's ids over ${API_ROUTES.length} routes`);
    expect(calls).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    expect(pointing).toEqual([]);
    expect(after).toBe(before);
  }, 300_000);
});
