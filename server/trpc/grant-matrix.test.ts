// GENERATED coverage of security #11.5, "no grant above the granter": every tRPC procedure and
// /api/v1 route whose input gives a role or permissions (a field named roleId, permissions,
// scopes or role — found by reading the inputs, so procedures added later are covered too) is
// called by a user holding exactly the procedure's permission:
//  - granting more than that (the tenant-admin role, or a permission the granter lacks) is
//    FORBIDDEN and changes nothing;
//  - granting what the granter holds goes through (the check is not a blanket refusal);
//  - pointed at the granter's own role or own user, it is refused: nobody edits their own role.
// Partner roles are granted by a `role` enum; every role it offers must hold nothing beyond
// the built-in roles allowed to call the procedure.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "@/app/api/v1/routes";
import { BUILT_IN_ROLES, builtInRole } from "@/server/modules/identity";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { sample, type ZodLike } from "@/server/testing/probe-inputs";
import type { Meta } from "./init";
import { appRouter } from "./root";

const GRANT_FIELD = /^(roleId|role_id|role|permissions|scopes)$/;

type AnyProcedure = { _def: { meta?: Meta; inputs?: ZodLike[] } };
function shapeOf(schema: ZodLike | undefined): Record<string, ZodLike> | null {
  let s = schema;
  while (s && s._zod.def.type === "pipe") s = s._zod.def.in as ZodLike;
  return s && s._zod.def.type === "object" ? (s._zod.def.shape as Record<string, ZodLike>) : null;
}

const grantProcedures = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures,
)
  .map(([path, p]) => ({ path, permission: p._def.meta?.permission ?? "", input: p._def.inputs?.[0] }))
  .filter((p) => Object.keys(shapeOf(p.input) ?? {}).some((k) => GRANT_FIELD.test(k)))
  .sort((a, b) => a.path.localeCompare(b.path));

/** What the `id` field of a granting procedure names: the role being edited, or the user whose role changes. */
const TARGET_OF_ID: Record<string, "role" | "user"> = {
  "identity.roles.update": "role",
  "identity.users.changeRole": "user",
};

let t: TestDatabase;
let tenantId: string;
let tenantAdminRoleId: string;
beforeAll(async () => {
  t = await testDatabase();
  tenantId = (await createTenant(t.prisma)).id;
  tenantAdminRoleId = (await builtInRole(t.prisma, "tenant_admin")).id;
});
afterAll(() => t.drop());

let n = 0;
/** A staff user whose custom role holds exactly `permissions`. */
async function holding(permissions: string[]) {
  const role = await t.prisma.role.create({
    data: { tenantId, key: `custom_grant_${++n}`, name: `Grant probe ${n}`, audience: "STAFF", permissions },
  });
  const user = await createUser(t.prisma, { roleKey: "csr", tenantId });
  await t.prisma.user.update({ where: { id: user.id }, data: { roleId: role.id } });
  return { role, user, caller: await callerAs(t.prisma, user.id) };
}

async function call(caller: Awaited<ReturnType<typeof callerAs>>, path: string, input: unknown) {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input).then(
    () => null,
    (error: unknown) =>
      error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }),
  );
}

/** Everything a grant could change: roles and their permissions, users' roles, invitations, tokens. */
async function grantState() {
  const where = { tenantId };
  return JSON.stringify([
    await t.prisma.role.findMany({ where, select: { id: true, permissions: true }, orderBy: { id: "asc" } }),
    await t.prisma.user.findMany({ where, select: { id: true, roleId: true }, orderBy: { id: "asc" } }),
    await t.prisma.invitation.count({ where }),
    await t.prisma.apiToken.count({ where }),
  ]);
}

describe("grant matrix: no grant above the granter (security #11.5)", () => {
  it("finds the granting procedures (roles, invitations, API tokens, partner invitations), and no REST route grants", () => {
    expect(grantProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "identity.apiTokens.create",
        "identity.invitations.create",
        "identity.roles.create",
        "identity.roles.update",
        "identity.users.changeRole",
      ]),
    );
    // A REST route that grants would need its own probe here; none does today.
    const restGrants = API_ROUTES.filter((r) =>
      Object.keys(shapeOf((r as { body?: ZodLike }).body) ?? {}).some((k) => GRANT_FIELD.test(k)),
    );
    expect(restGrants.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // Every granting procedure with an `id` says what it names.
    const unnamed = grantProcedures.filter((p) => "id" in (shapeOf(p.input) ?? {}) && !TARGET_OF_ID[p.path]);
    expect(unnamed.map((p) => p.path)).toEqual([]);
  });

  const staffGrants = grantProcedures.filter((p) => !("role" in (shapeOf(p.input) ?? {})));
  for (const proc of staffGrants)
    it(`${proc.path}: above the granter is FORBIDDEN and changes nothing; within goes through; never on one's own role`, async () => {
      const granter = await holding([proc.permission, "user.read"]);
      const shape = shapeOf(proc.input) ?? {};
      const base = sample(proc.input as ZodLike) as Record<string, unknown>;
      const target = TARGET_OF_ID[proc.path];
      // What the `id` points at when the change itself is allowed: a role or user within the granter.
      const peer = target ? await holding([proc.permission]) : null;
      const input = (grant: "above" | "within", id?: string) => {
        const out: Record<string, unknown> = { ...base, name: `probe ${++n}`, email: `probe-${n}@example.com` };
        for (const k of Object.keys(out)) if (!(k in shape)) delete out[k];
        if ("roleId" in shape) out.roleId = grant === "above" ? tenantAdminRoleId : granter.role.id;
        if ("permissions" in shape)
          out.permissions = grant === "above" ? [proc.permission, "invoice.void"] : [proc.permission];
        if ("scopes" in shape) out.scopes = [];
        if (target) out.id = id ?? (target === "role" ? peer?.role.id : peer?.user.id);
        return out;
      };

      const before = await grantState();
      const above = await call(granter.caller, proc.path, input("above"));
      expect(above?.code, `${proc.path} granted above the granter`).toBe("FORBIDDEN");
      expect(above?.message).toMatch(/do not hold yourself/);
      expect(await grantState()).toBe(before);

      const within = await call(granter.caller, proc.path, input("within"));
      expect(within, `${proc.path} refused a grant within the granter: ${within?.message}`).toBeNull();

      if (target) {
        // A real change of one's own role: to another role within, or new permissions on it.
        const own =
          target === "role"
            ? await call(granter.caller, proc.path, input("within", granter.role.id))
            : await call(granter.caller, proc.path, { ...input("within", granter.user.id), roleId: peer?.role.id });
        expect(own?.code, `${proc.path} let the granter edit their own role`).toMatch(/^(FORBIDDEN|BAD_REQUEST)$/);
        expect(own?.message).toMatch(/own role|role they hold themselves/);
      }
    });

  const partnerGrants = grantProcedures.filter((p) => "role" in (shapeOf(p.input) ?? {}));
  it(`partner invitations (${partnerGrants.map((p) => p.path).join(", ")}) offer only roles within the caller`, () => {
    expect(partnerGrants.length).toBeGreaterThan(0);
    const byKey = new Map(BUILT_IN_ROLES.map((r) => [r.key, r]));
    for (const proc of partnerGrants) {
      const roleField = shapeOf(proc.input)?.role as ZodLike;
      let enumDef = roleField._zod.def;
      while (enumDef.type !== "enum") enumDef = (enumDef.innerType as ZodLike)._zod.def;
      const offered = Object.values(enumDef.entries as Record<string, string>);
      // Only partner-audience roles: no staff permission is ever granted this way.
      for (const key of offered) expect(byKey.get(key)?.audience, `${proc.path} offers ${key}`).toBe("PARTNER");
      // Partner users who may call it hold every permission of every role it offers.
      const callers = BUILT_IN_ROLES.filter(
        (r) => r.audience === "PARTNER" && (r.permissions as readonly string[]).includes(proc.permission),
      );
      for (const granter of callers)
        for (const key of offered)
          expect(
            (byKey.get(key)?.permissions ?? []).filter((p) => !(granter.permissions as readonly string[]).includes(p)),
            `${granter.key} could grant ${key} through ${proc.path}`,
          ).toEqual([]);
    }
  });
});
