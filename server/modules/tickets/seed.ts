// Demo support desk: a handful of tickets from the demo subscribers in the states a desk sees
// every day — new and unassigned, an outage being worked, a fault waiting on the customer, a
// billing question resolved, an installation request closed — with replies, internal notes
// and SLA clocks started in the past (so some are due soon and one is overdue). Opened as the
// demo CSR through the desk's own services. Idempotent: skipped once the first one exists.
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { staffWithPermission } from "@/server/modules/identity";
import { subscriberIdsMatching } from "@/server/modules/subscribers";
import { systemContext, tenantContext, userActor } from "@/server/service-context";
import { openTicket } from "./open-ticket";
import { replyToTicket } from "./reply";
import type { OpenTicketInput, ReplyInput, UpdateTicketInput } from "./schemas";
import { updateTicket } from "./update-ticket";

type Step =
  | { after: number; reply: Omit<ReplyInput, "ticketId"> }
  | { after: number; update: Omit<UpdateTicketInput, "ticketId"> };

/** Opened `ago` minutes before now by a demo subscriber, assigned to the demo CSR or not; the steps
 * follow at minutes after opening. */
type DemoTicket = { ago: number; username: string; assigned: boolean; ticket: OpenTicketInput; steps: Step[] };

export const DEMO_TICKETS: DemoTicket[] = [
  {
    ago: 20,
    username: "lea.fischer",
    assigned: false,
    ticket: {
      subject: "Static IP address for my home office",
      description: "I start working from home next month and need a fixed IPv4 address for a VPN. What does it cost?",
      type: "GENERAL",
      priority: "LOW",
      channel: "PORTAL",
    },
    steps: [],
  },
  {
    ago: 45,
    username: "kiez-cafe",
    assigned: true,
    ticket: {
      subject: "Internet down at the café since 9:30",
      description: "No internet at all, the router's PON light is blinking red. Card payments are failing.",
      type: "OUTAGE_REPORT",
      priority: "URGENT",
      severity: "MAJOR",
      channel: "PHONE",
      team: "Support",
      tags: ["business"],
    },
    steps: [
      { after: 5, reply: { body: "NOC is checking the OLT port; no other alarms on that PON yet.", internal: true } },
      {
        after: 8,
        reply: {
          body: "We are on it: our network team is checking the line to your café right now. We will call you within the hour.",
        },
      },
    ],
  },
  {
    ago: 3 * 60,
    username: "jonas.weber",
    assigned: false,
    ticket: {
      subject: "Speed far below 300 Mbit/s",
      description: "Speed tests show 60–80 Mbit/s on cable, since last weekend. Router restarted twice.",
      type: "FAULT",
      priority: "HIGH",
      channel: "EMAIL",
      team: "Support",
    },
    steps: [],
  },
  {
    ago: 26 * 60,
    username: "anna.schmidt",
    assigned: true,
    ticket: {
      subject: "WiFi drops in the evening",
      description:
        "The WiFi drops for a minute or two most evenings around 9 pm. The cable connection to the TV stays up.",
      type: "FAULT",
      priority: "NORMAL",
      channel: "PORTAL",
      team: "Support",
    },
    steps: [
      { after: 40, reply: { body: "CPE shows 14 neighbouring networks on channel 6 (2.4 GHz).", internal: true } },
      {
        after: 50,
        reply: {
          body: "Thanks for the details. Your router sees many neighbouring networks on the same WiFi channel. Could you tell us whether your devices use the 5 GHz network (Acme-5G)?",
          status: "PENDING_CUSTOMER",
        },
      },
    ],
  },
  {
    ago: 2 * 24 * 60,
    username: "mehmet.yilmaz",
    assigned: true,
    ticket: {
      subject: "Why was my service suspended?",
      description: "My internet stopped working today. I paid the last invoice by bank transfer on Friday.",
      type: "BILLING",
      priority: "NORMAL",
      channel: "EMAIL",
      team: "Billing",
    },
    steps: [
      {
        after: 90,
        reply: {
          body: "The transfer has not reached us yet; bank transfers take up to three working days. Once it arrives your service is restored automatically.",
        },
      },
      { after: 24 * 60, update: { status: "RESOLVED" } },
    ],
  },
  {
    ago: 5 * 24 * 60,
    username: "sofia.rossi",
    assigned: true,
    ticket: {
      subject: "Move my technician appointment",
      description: "Can the technician come on Thursday afternoon instead of Wednesday morning?",
      type: "INSTALLATION",
      priority: "LOW",
      channel: "PORTAL",
      team: "Field",
    },
    steps: [
      { after: 120, reply: { body: "Done: the visit is now on Thursday between 13:00 and 17:00." } },
      { after: 125, update: { status: "RESOLVED" } },
      { after: 3 * 24 * 60, update: { status: "CLOSED" } },
    ],
  },
];

export async function seedTickets(db: PrismaClient, tenant: Tenant) {
  const csr = (await staffWithPermission(systemContext(tenant.id, "seed", db), "ticket.write")).find(
    (u) => u.email === DEMO_ACCOUNTS.csr.email,
  );
  if (!csr) return;
  const svc = tenantContext(tenant.id, userActor(csr, null), db);
  if (await svc.db.ticket.findFirst({ where: { subject: DEMO_TICKETS[0]?.ticket.subject } })) return;
  const now = Date.now();
  for (const demo of DEMO_TICKETS) {
    const [subscriberId] = await subscriberIdsMatching(svc, `${demo.username}@${tenant.slug}`, { take: 1 });
    if (!subscriberId) continue;
    const openedAt = now - demo.ago * 60_000;
    const ticket = await openTicket(
      svc,
      { ...demo.ticket, subscriberId, assigneeId: demo.assigned ? csr.id : undefined },
      { now: new Date(openedAt), notify: false },
    );
    for (const step of demo.steps) {
      const at = { now: new Date(openedAt + step.after * 60_000) };
      if ("reply" in step) await replyToTicket(svc, { ...step.reply, ticketId: ticket.id }, at);
      else await updateTicket(svc, { ...step.update, ticketId: ticket.id }, { ...at, notifyCustomer: false });
    }
  }
}
