// Samples the tenant's figures — each read through its owning module's face — stores them as
// one raw point per series, raises and clears the alarms they show, and evaluates the alert
// rules on them.
import { driftOverview } from "@/server/modules/drift";
import { openIncidentCount } from "@/server/modules/incidents";
import { integrationHealth } from "@/server/modules/integrations";
import { onuStatusPerOlt } from "@/server/modules/network";
import { jobQueueFigures } from "@/server/modules/orchestration";
import { radiusActivity } from "@/server/modules/radius";
import type { ServiceContext } from "@/server/service-context";
import { evaluateAlerts } from "./evaluate-alerts";
import { RAW_STEP, type Sample, WINDOW_MS } from "./metrics";
import { raiseSourceAlarms } from "./source-alarms";

async function collectFigures(svc: ServiceContext, now: Date) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [onus, radius, jobs, integrations, incidents, drift] = await Promise.all([
    onuStatusPerOlt(svc),
    radiusActivity(svc, since),
    jobQueueFigures(svc, since),
    integrationHealth(svc),
    openIncidentCount(svc),
    driftOverview(svc),
  ]);
  return { onus, radius, jobs, integrations, incidents, drift };
}

function toSamples({ onus, radius, jobs, integrations, incidents, drift }: Figures): Sample[] {
  const one = (metric: Sample["metric"], value: number): Sample => ({ metric, series: "", labels: {}, value });
  const answered = radius.accepts + radius.rejects;
  return [
    ...onus.flatMap((o) => {
      const labels = { olt_id: o.oltId, olt: o.oltName };
      return [
        { metric: "onus_online" as const, series: `olt:${o.oltId}`, labels, value: o.online },
        { metric: "onus_offline" as const, series: `olt:${o.oltId}`, labels, value: o.offline },
      ];
    }),
    one("radius_sessions_active", radius.activeSessions),
    one("radius_accepts_last_minute", radius.accepts),
    one("radius_rejects_last_minute", radius.rejects),
    one("radius_reject_ratio", answered ? Math.round((radius.rejects / answered) * 1000) / 1000 : 0),
    one("jobs_queued", jobs.queued),
    one("jobs_failed_last_minute", jobs.failed),
    ...integrations.map((i) => ({
      metric: "integration_up" as const,
      series: `system:${i.system}`,
      labels: { system: i.system },
      value: i.up,
    })),
    one("incidents_open", incidents),
    one("drift_findings_open", drift.openTotal),
  ];
}

type Figures = Awaited<ReturnType<typeof collectFigures>>;

/** One sample of every metric at `now`, the alarms it shows, then the alert rules on it. */
export async function sampleMetrics(svc: ServiceContext, now = new Date()) {
  const figures = await collectFigures(svc, now);
  const samples = toSamples(figures);
  await svc.db.metricPoint.createMany({
    data: samples.map((s) => ({ tenantId: svc.tenantId, ...s, step: RAW_STEP, at: now })),
    skipDuplicates: true,
  });
  await raiseSourceAlarms(svc, figures, now);
  const alerts = await evaluateAlerts(svc, samples, now);
  return { at: now, points: samples.length, ...alerts };
}
