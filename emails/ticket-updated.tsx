// Support ticket answered or its status changed (J21).
import { z } from "zod";
import { defineTemplate, link } from "./kit";

export const ticketUpdatedData = z.object({
  ticketId: z.string(),
  ticketNumber: z.string(),
  subject: z.string(),
  status: z.string(),
  reply: z.string().optional(),
  agentName: z.string().optional(),
});
export type TicketUpdatedData = z.infer<typeof ticketUpdatedData>;

export const ticketUpdated = defineTemplate({
  key: "ticket_updated",
  name: "Ticket updated",
  category: "SUPPORT",
  defaultChannels: ["EMAIL", "INBOX", "PUSH"],
  schema: ticketUpdatedData,
  subject: (d) => `[${d.ticketNumber}] ${d.reply ? "New reply" : `Status: ${d.status}`}`,
  text: (d) =>
    d.reply
      ? `${d.agentName ?? "Support"} replied to "${d.subject}":\n\n${d.reply}`
      : `Your ticket "${d.subject}" is now ${d.status}.`,
  action: (d, c) => ({ label: "Open the ticket", href: link(c, `/portal/tickets/${d.ticketId}`) }),
  sample: {
    ticketId: "0196a0c1-0000-7000-8000-000000000002",
    ticketNumber: "T-1042",
    subject: "Slow speed in the evening",
    status: "waiting on you",
    reply: "We ran a speed test on your router: 940 Mbit/s. Is the slow device on WiFi?",
    agentName: "Maria (support)",
  },
});
