// A free-text notice from the operator (bulk sends): category chosen per notice.
import { z } from "zod";
import { defineTemplate } from "./kit";

export const announcementData = z.object({
  title: z.string().min(1).max(150),
  message: z.string().min(1).max(2000),
  url: z.url().optional(),
});
export type AnnouncementData = z.infer<typeof announcementData>;

export const announcement = defineTemplate({
  key: "announcement",
  name: "Announcement (news and offers)",
  category: "MARKETING",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: announcementData,
  subject: (d) => d.title,
  text: (d) => d.message,
  action: (d) => (d.url ? { label: "Learn more", href: d.url } : undefined),
  sample: { title: "Fiber 1000 is here", message: "Upgrade to 1 Gbit/s for just €5 more a month." },
});
