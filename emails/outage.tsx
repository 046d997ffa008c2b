// Unplanned outage affecting the subscriber (J6: fiber cut correlated into an incident).
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const outageData = z.object({
  incidentId: z.string().optional(),
  title: z.string(),
  area: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  eta: z.iso.datetime({ offset: true }).optional(),
});
export type OutageData = z.infer<typeof outageData>;

export const outage = defineTemplate({
  key: "outage",
  name: "Outage",
  category: "OUTAGES",
  urgent: true,
  defaultChannels: ["SMS", "PUSH", "INBOX", "EMAIL"],
  schema: outageData,
  subject: (d) => `Service interruption in ${d.area}`,
  text: (d, c) =>
    `We are aware of a service interruption in ${d.area} since ${when(d.startedAt, c)} (${d.title}). Our technicians are working on it${d.eta ? `; we expect service back by ${when(d.eta, c)}` : ""}.`,
  action: (_d, c) => ({ label: "Service status", href: link(c, "/portal") }),
  sample: { title: "Fiber cut", area: "Riverside", startedAt: "2026-11-24T08:12:00Z", eta: "2026-11-24T14:00:00Z" },
});
