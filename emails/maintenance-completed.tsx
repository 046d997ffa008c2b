// Planned maintenance is finished (J5).
import { z } from "zod";
import { defineTemplate, when } from "./kit";

export const maintenanceCompletedData = z.object({
  title: z.string(),
  area: z.string(),
  completedAt: z.iso.datetime({ offset: true }),
});
export type MaintenanceCompletedData = z.infer<typeof maintenanceCompletedData>;

export const maintenanceCompleted = defineTemplate({
  key: "maintenance_completed",
  name: "Maintenance completed",
  category: "MAINTENANCE",
  defaultChannels: ["INBOX", "PUSH"],
  schema: maintenanceCompletedData,
  subject: (d) => `Maintenance completed: ${d.title}`,
  text: (d, c) =>
    `The maintenance in ${d.area} finished at ${when(d.completedAt, c)}. If you are not online, restart your router.`,
  sample: { title: "OLT software upgrade", area: "Riverside (OLT RIV-01)", completedAt: "2026-11-27T02:40:00Z" },
});
