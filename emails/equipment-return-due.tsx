// Equipment to return after a disconnect (J4 RMA).
import { z } from "zod";
import { defineTemplate, money, when } from "./kit";

export const equipmentReturnDueData = z.object({
  items: z.array(z.string()).min(1),
  dueDate: z.iso.datetime({ offset: true }),
  chargeMinor: z.number().int().optional(),
  currency: z.string().length(3).optional(),
});
export type EquipmentReturnDueData = z.infer<typeof equipmentReturnDueData>;

export const equipmentReturnDue = defineTemplate({
  key: "equipment_return_due",
  name: "Equipment return due",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: equipmentReturnDueData,
  subject: (d, c) => `Please return your equipment by ${when(d.dueDate, c, false)}`,
  text: (d, c) =>
    `Please return ${d.items.join(", ")} by ${when(d.dueDate, c, false)}.${d.chargeMinor && d.currency ? ` Unreturned equipment is charged ${money(d.chargeMinor, d.currency, c.brand.locale)}.` : ""}`,
  sample: {
    items: ["ONU HG8245 (HWTC1234ABCD)", "WiFi router"],
    dueDate: "2026-12-15T00:00:00Z",
    chargeMinor: 12000,
    currency: "EUR",
  },
});
