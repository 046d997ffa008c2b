// Planned maintenance has started (J5).
import { z } from "zod";
import { defineTemplate, when } from "./kit";

export const maintenanceStartedData = z.object({
  title: z.string(),
  area: z.string(),
  expectedEndAt: z.iso.datetime({ offset: true }),
});
export type MaintenanceStartedData = z.infer<typeof maintenanceStartedData>;

export const maintenanceStarted = defineTemplate({
  key: "maintenance_started",
  name: "Maintenance started",
  category: "MAINTENANCE",
  defaultChannels: ["INBOX", "PUSH"],
  schema: maintenanceStartedData,
  subject: (d) => `Maintenance in progress: ${d.title}`,
  text: (d, c) => `Planned maintenance in ${d.area} has started. We expect to finish by ${when(d.expectedEndAt, c)}.`,
  sample: { title: "OLT software upgrade", area: "Riverside (OLT RIV-01)", expectedEndAt: "2026-11-27T03:00:00Z" },
});
