// Service restored after a suspension (J3).
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const restoredData = z.object({ restoredAt: z.iso.datetime({ offset: true }) });
export type RestoredData = z.infer<typeof restoredData>;

export const restored = defineTemplate({
  key: "restored",
  name: "Service restored (after suspension)",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "SMS", "INBOX"],
  schema: restoredData,
  subject: () => "Your internet service is active again",
  text: (d, c) =>
    `Thank you. Your internet service was restored on ${when(d.restoredAt, c)}. If you are not online, restart your router.`,
  action: (_d, c) => ({ label: "Open your portal", href: link(c, "/portal") }),
  sample: { restoredAt: "2026-11-24T11:15:00Z" },
});
