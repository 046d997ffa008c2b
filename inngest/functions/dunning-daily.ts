// The daily dunning pass for every active tenant (one step per tenant, so a failing tenant
// does not stop the others and a retry skips the tenants already done).
import { inngest } from "@/inngest/client";
import { db, tenantDb } from "@/server/db";
import { runDunning } from "@/server/modules/dunning";
import { systemActor } from "@/server/service-context";

export const dunningDaily = inngest.createFunction(
  { id: "dunning-daily", name: "Dunning: daily pass", triggers: [{ cron: "0 6 * * *" }], retries: 2 },
  async ({ step }) => {
    const tenants = await step.run("tenants", () =>
      db().tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true } }),
    );
    const results: Record<string, unknown> = {};
    for (const t of tenants) {
      results[t.id] = await step.run(`dunning-${t.id}`, () =>
        runDunning({ tenantId: t.id, db: tenantDb(t.id), actor: systemActor("dunning") }),
      );
    }
    return results;
  },
);

export const DUNNING_RUN_EVENT = "dunning/run.requested";

/** Runs the dunning pass for one tenant now (the dunning page's "Run now"). */
export const dunningOnDemand = inngest.createFunction(
  { id: "dunning-on-demand", name: "Dunning: run now", triggers: [{ event: DUNNING_RUN_EVENT }], retries: 2 },
  async ({ event, step }) => {
    const { tenantId } = event.data as { tenantId: string };
    return step.run("dunning", () => runDunning({ tenantId, db: tenantDb(tenantId), actor: systemActor("dunning") }));
  },
);
