// A progress update on an ongoing outage (J6).
import { z } from "zod";
import { defineTemplate, when } from "./kit";

export const incidentUpdateData = z.object({
  incidentId: z.string().optional(),
  title: z.string(),
  message: z.string(),
  eta: z.iso.datetime({ offset: true }).optional(),
});
export type IncidentUpdateData = z.infer<typeof incidentUpdateData>;

export const incidentUpdate = defineTemplate({
  key: "incident_update",
  name: "Outage update",
  category: "OUTAGES",
  defaultChannels: ["INBOX", "PUSH"],
  schema: incidentUpdateData,
  subject: (d) => `Update: ${d.title}`,
  text: (d, c) => `${d.message}${d.eta ? ` Expected back by ${when(d.eta, c)}.` : ""}`,
  sample: {
    title: "Fiber cut in Riverside",
    message: "The damaged cable has been located and a crew is splicing it.",
    eta: "2026-11-24T13:30:00Z",
  },
});
