// Plan changed (J2): old plan, new plan, effective date.
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const planChangedData = z.object({
  oldPlan: z.string(),
  newPlan: z.string(),
  effective: z.enum(["now", "next_cycle"]),
  effectiveDate: z.iso.datetime({ offset: true }),
});
export type PlanChangedData = z.infer<typeof planChangedData>;

export const planChanged = defineTemplate({
  key: "plan_changed",
  name: "Plan changed",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "INBOX", "PUSH"],
  schema: planChangedData,
  subject: (d) => `Your plan changes to ${d.newPlan}`,
  text: (d, c) =>
    d.effective === "now"
      ? `Your plan changed from ${d.oldPlan} to ${d.newPlan} on ${when(d.effectiveDate, c, false)}. The difference is prorated on your next invoice.`
      : `Your plan changes from ${d.oldPlan} to ${d.newPlan} at the start of your next billing cycle on ${when(d.effectiveDate, c, false)}.`,
  details: (d, c) => [
    ["Previous plan", d.oldPlan],
    ["New plan", d.newPlan],
    ["Effective", when(d.effectiveDate, c, false)],
  ],
  action: (_d, c) => ({ label: "See your plan", href: link(c, "/portal") }),
  sample: { oldPlan: "Fiber 300", newPlan: "Fiber 1000", effective: "now", effectiveDate: "2026-11-24T10:00:00Z" },
});
