// Support ticket opened (J21).
import { z } from "zod";
import { defineTemplate, link } from "./kit";

export const ticketCreatedData = z.object({ ticketId: z.string(), ticketNumber: z.string(), subject: z.string() });
export type TicketCreatedData = z.infer<typeof ticketCreatedData>;

export const ticketCreated = defineTemplate({
  key: "ticket_created",
  name: "Ticket created",
  category: "SUPPORT",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: ticketCreatedData,
  subject: (d) => `[${d.ticketNumber}] We received your request`,
  text: (d) => `We received your request "${d.subject}" (ticket ${d.ticketNumber}). We will get back to you soon.`,
  action: (d, c) => ({ label: "Follow your ticket", href: link(c, `/portal/tickets/${d.ticketId}`) }),
  sample: {
    ticketId: "0196a0c1-0000-7000-8000-000000000002",
    ticketNumber: "T-1042",
    subject: "Slow speed in the evening",
  },
});
