// The durable work monitoring owns: a sample of every active tenant every minute (one step per
// tenant, so one failing tenant does not stop the others), and every 15 minutes the rollup of
// finished buckets with the cleanup of points past their retention.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import { rollupAndClean } from "./rollup";
import { sampleMetrics } from "./sample";

const sampleEveryMinute = defineJob({
  id: "monitoring-sample",
  name: "Monitoring: sample every tenant's figures and evaluate alert rules",
  trigger: { cron: "* * * * *" },
  retries: 1,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants) results[t.id] = await step.run(`sample-${t.id}`, () => sampleMetrics(tenant(t.id)));
    return results;
  },
});

const rollupEveryQuarter = defineJob({
  id: "monitoring-rollup",
  name: "Monitoring: 15-minute averages and retention",
  trigger: { cron: "*/15 * * * *" },
  retries: 1,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants) results[t.id] = await step.run(`rollup-${t.id}`, () => rollupAndClean(tenant(t.id)));
    return results;
  },
});

export const monitoringJobs = [sampleEveryMinute, rollupEveryQuarter];
