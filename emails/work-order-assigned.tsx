// A technician visit is booked (to the subscriber) — the technician gets a staff inbox item.
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const workOrderAssignedData = z.object({
  workOrderId: z.string(),
  kind: z.string(),
  scheduledAt: z.iso.datetime({ offset: true }),
  technicianName: z.string(),
  address: z.string(),
});
export type WorkOrderAssignedData = z.infer<typeof workOrderAssignedData>;

export const workOrderAssigned = defineTemplate({
  key: "work_order_assigned",
  name: "Technician visit booked",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "SMS", "INBOX"],
  schema: workOrderAssignedData,
  subject: (d, c) => `Your ${d.kind} appointment on ${when(d.scheduledAt, c, false)}`,
  text: (d, c) => `${d.technicianName} will visit ${d.address} for your ${d.kind} on ${when(d.scheduledAt, c)}.`,
  details: (d, c) => [
    ["Visit", d.kind],
    ["When", when(d.scheduledAt, c)],
    ["Technician", d.technicianName],
    ["Address", d.address],
  ],
  action: (_d, c) => ({ label: "Manage your appointment", href: link(c, "/portal") }),
  footnote: () => "Please make sure someone aged 18 or over is at home during the visit.",
  sample: {
    workOrderId: "0196a0c1-0000-7000-8000-000000000003",
    kind: "installation",
    scheduledAt: "2026-11-26T08:00:00Z",
    technicianName: "João Pereira",
    address: "12 River Street, Riverside",
  },
});
