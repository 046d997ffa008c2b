// The outage is over (J6 restoration notice).
import { z } from "zod";
import { defineTemplate, when } from "./kit";

export const serviceRestoredData = z.object({
  incidentId: z.string().optional(),
  title: z.string(),
  area: z.string(),
  restoredAt: z.iso.datetime({ offset: true }),
  creditNote: z.string().optional(),
});
export type ServiceRestoredData = z.infer<typeof serviceRestoredData>;

export const serviceRestored = defineTemplate({
  key: "service_restored",
  name: "Outage resolved",
  category: "OUTAGES",
  defaultChannels: ["SMS", "PUSH", "INBOX", "EMAIL"],
  schema: serviceRestoredData,
  subject: (d) => `Service restored in ${d.area}`,
  text: (d, c) =>
    `Service in ${d.area} was restored at ${when(d.restoredAt, c)}. We are sorry for the interruption. If you are not online, restart your router.`,
  footnote: (d) => d.creditNote,
  sample: {
    title: "Fiber cut",
    area: "Riverside",
    restoredAt: "2026-11-24T13:05:00Z",
    creditNote: "A credit for the interruption will appear on your next invoice.",
  },
});
