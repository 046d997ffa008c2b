// GENERATED coverage: every procedure of appRouter (including ones added later by any module)
// × every built-in role, plus an anonymous caller. Each procedure is called with an empty
// input through the same caller a signed-in request uses. The outcome must be FORBIDDEN
// exactly when the role lacks the declared permission, and UNAUTHORIZED for an anonymous
// caller on anything not public. With the permission, any other outcome (validation error,
// NOT_FOUND, success…) shows the permission check let the call through.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, PERMISSIONS } from "@/server/modules/identity";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import type { Meta } from "./init";
import { appRouter } from "./root";

type AnyProcedure = { _def: { meta?: Meta; type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures,
)
  .map(([path, procedure]) => ({ path, type: procedure._def.type, permission: procedure._def.meta?.permission }))
  .sort((a, b) => a.path.localeCompare(b.path));

type Caller = ReturnType<typeof anonymousCaller>;
/** Calls `path` ("tenancy.tenants.list") on a caller with `input`; returns the error or null. */
async function outcome(caller: Caller, path: string, input: unknown): Promise<TRPCError | "timeout" | null> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  let timer: NodeJS.Timeout | undefined;
  // A permitted call may start real work (e.g. reach a simulator); the permission check runs
  // before any of it, so a call still busy after a while has passed the check.
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 5_000);
  });
  try {
    const result = await Promise.race([
      fn(input).then(
        () => null,
        (error: unknown) => {
          if (error instanceof TRPCError) return error;
          return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: String(error), cause: error });
        },
      ),
      timeout,
    ]);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

let t: TestDatabase;
const callers = new Map<string, Caller>();
const rolePermissions = new Map(BUILT_IN_ROLES.map((r) => [r.key, new Set<string>(r.permissions)]));

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  for (const role of BUILT_IN_ROLES) {
    const user = await createUser(t.prisma, {
      roleKey: role.key,
      tenantId: tenant.id,
      // Partner users and subscribers belong to a partner / customer record.
      partnerId: role.audience === "PARTNER" ? "00000000-0000-7000-8000-000000000001" : undefined,
      customerId: role.audience === "SUBSCRIBER" ? "00000000-0000-7000-8000-000000000002" : undefined,
    });
    callers.set(role.key, await callerAs(t.prisma, user.id));
  }
});
afterAll(() => t.drop());

describe("permission matrix", () => {
  it("finds the procedures, each with a declared permission from the catalogue", () => {
    expect(procedures.length).toBeGreaterThan(20);
    const undeclared = procedures.filter(
      (p) =>
        !p.permission ||
        !(p.permission === "public" || p.permission === "authenticated" || p.permission in PERMISSIONS),
    );
    expect(undeclared.map((p) => p.path)).toEqual([]);
  });

  for (const procedure of procedures) {
    it(`${procedure.path} (${procedure.permission})`, async () => {
      const problems: string[] = [];
      const anon = await outcome(anonymousCaller(), procedure.path, {});
      const anonCode = anon === "timeout" ? "timeout" : anon?.code;
      if (procedure.permission === "public") {
        if (anonCode === "UNAUTHORIZED" || anonCode === "FORBIDDEN")
          problems.push(`anonymous: public procedure refused with ${anonCode}`);
      } else if (anonCode !== "UNAUTHORIZED") {
        problems.push(`anonymous: expected UNAUTHORIZED, got ${anonCode ?? "success"}`);
      }
      for (const role of BUILT_IN_ROLES) {
        const allowed =
          procedure.permission === "public" ||
          procedure.permission === "authenticated" ||
          rolePermissions.get(role.key)!.has(procedure.permission!);
        const result = await outcome(callers.get(role.key)!, procedure.path, {});
        const code = result === "timeout" ? "timeout" : result?.code;
        if (allowed && (code === "FORBIDDEN" || code === "UNAUTHORIZED"))
          problems.push(`${role.key}: holds ${procedure.permission} but got ${code}: ${(result as TRPCError).message}`);
        if (!allowed && code !== "FORBIDDEN")
          problems.push(`${role.key}: lacks ${procedure.permission} but got ${code ?? "success"}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
