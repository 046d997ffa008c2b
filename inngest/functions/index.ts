// Every Inngest function of the platform: each module's jobs (its jobs.ts, exported from its
// face), registered as they are. Served at /api/inngest for a real Inngest, and run by the
// embedded executor when none is configured.
import { type InngestFunction, NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { type JobDefinition, type JobEvent, type JobSteps, PermanentJobError } from "@/server/jobs";
import { billingJobs } from "@/server/modules/billing";
import { crmJobs } from "@/server/modules/crm";
import { customersJobs } from "@/server/modules/customers";
import { driftJobs } from "@/server/modules/drift";
import { dunningJobs } from "@/server/modules/dunning";
import { identityJobs } from "@/server/modules/identity";
import { incidentsJobs } from "@/server/modules/incidents";
import { inventoryJobs } from "@/server/modules/inventory";
import { maintenanceJobs } from "@/server/modules/maintenance";
import { monitoringJobs } from "@/server/modules/monitoring";
import { networkJobs } from "@/server/modules/network";
import { notificationsJobs } from "@/server/modules/notifications";
import { partnersJobs } from "@/server/modules/partners";
import { radiusJobs } from "@/server/modules/radius";
import { subscriberJobs } from "@/server/modules/subscribers";
import { ticketsJobs } from "@/server/modules/tickets";
import { webhooksJobs } from "@/server/modules/webhooks";
import { workordersJobs } from "@/server/modules/workorders";
import { systemContext } from "@/server/service-context";

/** A failure the job marked permanent is one Inngest does not retry. */
async function permanentAsFinal<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentJobError) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  }
}

/** One job as an Inngest function (same id, trigger, retries and concurrency). */
export function fromJob(job: JobDefinition): InngestFunction.Any {
  const trigger = "event" in job.trigger ? { event: job.trigger.event } : { cron: job.trigger.cron };
  return inngest.createFunction(
    {
      id: job.id,
      name: job.name,
      triggers: [trigger],
      retries: job.retries as 3 | undefined,
      ...(job.concurrency
        ? {
            concurrency: [
              { scope: job.concurrency.scope ?? "fn", key: job.concurrency.key, limit: job.concurrency.limit },
            ],
          }
        : {}),
    },
    async ({ event, step, attempt }) => {
      const steps: JobSteps = {
        run: (id, work) => step.run(id, () => permanentAsFinal(work)) as never,
        sleep: (id, duration) => step.sleep(id, duration as string),
      };
      return job.run({
        event: event as unknown as JobEvent,
        step: steps,
        attempt,
        tenant: (tenantId) => systemContext(tenantId, job.id),
      });
    },
  );
}

export const jobs: JobDefinition[] = [
  ...billingJobs,
  ...dunningJobs,
  ...driftJobs,
  ...subscriberJobs,
  ...notificationsJobs,
  ...radiusJobs,
  ...incidentsJobs,
  ...maintenanceJobs,
  ...monitoringJobs,
  ...networkJobs,
  ...ticketsJobs,
  ...crmJobs,
  ...customersJobs,
  ...webhooksJobs,
  ...identityJobs,
  ...partnersJobs,
  ...inventoryJobs,
  ...workordersJobs,
];

export const functions: InngestFunction.Any[] = jobs.map(fromJob);
