// Planned maintenance announced (J5), e.g. 72 h and 24 h before the window.
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const maintenanceScheduledData = z.object({
  title: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  area: z.string(),
  impact: z.string().default("Your internet service may be interrupted during the window."),
  maintenanceId: z.string().optional(),
});
export type MaintenanceScheduledData = z.infer<typeof maintenanceScheduledData>;

export const maintenanceScheduled = defineTemplate({
  key: "maintenance_scheduled",
  name: "Maintenance scheduled",
  category: "MAINTENANCE",
  defaultChannels: ["EMAIL", "SMS", "INBOX"],
  schema: maintenanceScheduledData,
  subject: (d, c) => `Planned maintenance on ${when(d.startsAt, c, false)}: ${d.title}`,
  text: (d, c) => `Planned maintenance in ${d.area} from ${when(d.startsAt, c)} to ${when(d.endsAt, c)}. ${d.impact}`,
  details: (d, c) => [
    ["Work", d.title],
    ["Area", d.area],
    ["Starts", when(d.startsAt, c)],
    ["Ends", when(d.endsAt, c)],
  ],
  action: (_d, c) => ({ label: "Service status", href: link(c, "/portal") }),
  footnote: () => "We plan maintenance at quiet hours to keep the interruption short. Thank you for your patience.",
  sample: {
    title: "OLT software upgrade",
    startsAt: "2026-11-27T01:00:00Z",
    endsAt: "2026-11-27T03:00:00Z",
    area: "Riverside (OLT RIV-01)",
    impact: "Your internet service may be interrupted for up to 30 minutes.",
  },
});
