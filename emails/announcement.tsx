// A free-text notice from the operator (bulk sends): category chosen per notice.
import { z } from "zod";
import { defineTemplate } from "./kit";

export const announcementData = z.object({
  title: z.string().min(1).max(150),
  message: z.string().min(1).max(2000),
  // Only web addresses: a javascript: or data: link in an email or the inbox would run code.
  url: z.url({ protocol: /^https?$/, error: "Use a web address starting with https://" }).optional(),
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
