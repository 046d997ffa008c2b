// A free-text service notice from the NOC (bulk sends about the network, e.g. works in a street).
import { z } from "zod";
import { defineTemplate, link } from "./kit";

export const serviceNoticeData = z.object({
  title: z.string().min(1).max(150),
  message: z.string().min(1).max(2000),
});
export type ServiceNoticeData = z.infer<typeof serviceNoticeData>;

export const serviceNotice = defineTemplate({
  key: "service_notice",
  name: "Service notice (network works)",
  category: "MAINTENANCE",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: serviceNoticeData,
  subject: (d) => d.title,
  text: (d) => d.message,
  action: (_d, c) => ({ label: "Service status", href: link(c, "/portal") }),
  sample: {
    title: "Street works on River Street",
    message:
      "Our partner will work on the fiber duct in River Street on Thursday between 9:00 and 12:00. Service is not expected to be interrupted.",
  },
});
