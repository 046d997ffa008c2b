// The durable work drift owns: a scan of every active tenant every hour (one step per tenant,
// so one failing tenant does not stop the others), and a scan requested from the page or the API.
import { defineJob, enqueueJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { createScan, runScan, type ScanTrigger } from "./scan";

export const DRIFT_SCAN_EVENT = "drift/scan.requested";
const STALE_MS = 30 * 60_000;

/** Records a scan and starts it in the background; a scan already running is returned instead. */
export async function requestScan(svc: ServiceContext, trigger: ScanTrigger) {
  // A scan whose worker died long ago does not block new ones.
  const running = await svc.db.driftScan.findFirst({
    where: { status: "RUNNING", startedAt: { gt: new Date(Date.now() - STALE_MS) } },
    orderBy: { startedAt: "desc" },
  });
  if (running) return running;
  return svc.db.$transaction(async (tx) => {
    const scan = await tx.driftScan.create({
      data: { tenantId: svc.tenantId, trigger, requestedBy: svc.actor.label },
    });
    await enqueueJob(
      tx,
      DRIFT_SCAN_EVENT,
      { tenantId: svc.tenantId, scanId: scan.id },
      { id: `drift-scan:${scan.id}` },
    );
    return scan;
  });
}

const driftHourly = defineJob({
  id: "drift-scheduled",
  name: "Drift: scan every tenant",
  trigger: { cron: "17 * * * *" },
  retries: 1,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants)
      results[t.id] = await step.run(`scan-${t.id}`, async () => {
        const svc = tenant(t.id);
        const scan = await createScan(svc, "schedule");
        const done = await runScan(svc, scan.id);
        return { scanId: done.id, findings: done.findings };
      });
    return results;
  },
});

const driftOnDemand = defineJob({
  id: "drift-on-demand",
  name: "Drift: scan now",
  trigger: { event: DRIFT_SCAN_EVENT },
  retries: 0,
  concurrency: { key: "event.data.tenantId", limit: 1 },
  async run({ event, step, tenant }) {
    const { tenantId, scanId } = event.data as { tenantId: string; scanId: string };
    return step.run("scan", async () => {
      const done = await runScan(tenant(tenantId), scanId);
      return { scanId: done.id, findings: done.findings };
    });
  },
});

export const driftJobs = [driftHourly, driftOnDemand];
