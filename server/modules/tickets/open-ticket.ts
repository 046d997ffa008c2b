// Open a ticket: staff (phone, on behalf of a customer), the portal, an inbound email or the
// system. Links are checked against the tenant's own records; a subscriber brings its
// customer and partner; a planned maintenance window under way on its service links the
// ticket to it; the SLA clocks start from the tenant's policy.
import { randomBytes } from "node:crypto";
import { Prisma } from "@/server/db";
import { invalid } from "@/server/errors";
import { getInvoice } from "@/server/modules/billing";
import { getCustomer } from "@/server/modules/customers";
import { maintenanceAffecting } from "@/server/modules/maintenance";
import { getSubscriber, servicesOfCustomers } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { recordTicketEvent, ticketNumber } from "./history";
import { notifyCustomerOfTicket } from "./notify-customer";
import { type OpenTicketInput, openTicketInput } from "./schemas";
import { getSlaPolicy, initialClocks } from "./sla";

export type OpenTicketOptions = { now?: Date; entryEmailMessageId?: string; notify?: boolean };

export async function openTicket(svc: ServiceContext, raw: OpenTicketInput, opts: OpenTicketOptions = {}) {
  const input = openTicketInput.parse(raw);
  const now = opts.now ?? new Date();
  const links = await resolveLinks(svc, input);
  const maintenance = await maintenanceAffecting(svc, await servicesConcerned(svc, links), now);
  const policy = await getSlaPolicy(svc);
  const clocks = initialClocks(policy, input.priority, now);
  const fromCustomer = input.channel === "PORTAL" || input.channel === "EMAIL";
  const ticket = await svc.db.$transaction(async (tx) => {
    const [{ last }] = await tenantSql(tx, svc.tenantId).query<Array<{ last: number }>>(Prisma.sql`
      INSERT INTO "TicketCounter" ("tenantId", "last") VALUES (${svc.tenantId}::uuid, 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "TicketCounter"."last" + 1
      RETURNING "last"`);
    const created = await tx.ticket.create({
      data: {
        tenantId: svc.tenantId,
        number: last,
        subject: input.subject,
        description: input.description,
        type: input.type,
        priority: input.priority,
        severity: input.severity,
        channel: input.channel,
        ...links,
        workOrderId: input.workOrderId ?? null,
        incidentId: input.incidentId ?? null,
        maintenanceId: maintenance?.id ?? null,
        team: input.team ?? "Support",
        assigneeId: input.assigneeId ?? null,
        tags: [...new Set(input.tags)],
        replyToken: randomBytes(16).toString("hex"),
        createdById: svc.actor.userId,
        createdAt: now,
        ...clocks,
      },
    });
    // The description is the first message of the thread.
    await tx.ticketEntry.create({
      data: {
        tenantId: svc.tenantId,
        ticketId: created.id,
        author: fromCustomer ? "CUSTOMER" : input.channel === "SYSTEM" ? "SYSTEM" : "STAFF",
        authorUserId: svc.actor.userId,
        authorName: fromCustomer ? (links.requesterName ?? links.requesterEmail ?? "Customer") : svc.actor.label,
        authorEmail: fromCustomer ? links.requesterEmail : null,
        channel: fromCustomer ? input.channel : null,
        body: input.description,
        emailMessageId: opts.entryEmailMessageId ?? null,
        createdAt: now,
      },
    });
    await recordTicketEvent(tx, svc, created.id, "opened", `Opened by ${input.channel.toLowerCase()}`, {
      after: { number: ticketNumber(last), subject: input.subject, priority: input.priority, ...links },
      at: now,
    });
    if (maintenance)
      await recordTicketEvent(
        tx,
        svc,
        created.id,
        "maintenance",
        `Opened during planned maintenance "${maintenance.title}"`,
        {
          after: { maintenanceId: maintenance.id },
          at: now,
        },
      );
    return created;
  });
  if (opts.notify !== false) await notifyCustomerOfTicket(svc, ticket, { kind: "created" });
  return ticket;
}

type Links = {
  customerId: string | null;
  subscriberId: string | null;
  invoiceId: string | null;
  partnerId: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
};

/** The services the ticket is about: its subscriber, else every service of its customer. */
async function servicesConcerned(svc: ServiceContext, links: Links) {
  if (links.subscriberId) return [links.subscriberId];
  if (links.customerId) return (await servicesOfCustomers(svc, [links.customerId])).map((s) => s.id);
  return [];
}

/** Checks each linked record exists in this tenant (NOT_FOUND otherwise) and fills what follows from it. */
async function resolveLinks(svc: ServiceContext, input: ReturnType<typeof openTicketInput.parse>): Promise<Links> {
  let customerId = input.customerId ?? null;
  let partnerId: string | null = null;
  if (input.subscriberId) {
    const sub = await getSubscriber(svc, input.subscriberId);
    if (customerId && customerId !== sub.customerId)
      throw invalid("The subscriber belongs to another customer than the one chosen");
    customerId = sub.customerId;
    partnerId = sub.partnerId;
  }
  let requesterName = input.requesterName ?? null;
  let requesterEmail = input.requesterEmail?.toLowerCase() ?? null;
  if (customerId) {
    const customer = await getCustomer(svc, customerId);
    partnerId ??= customer.partnerId;
    requesterName ??= customer.name;
    requesterEmail ??= customer.email.toLowerCase();
  }
  if (input.invoiceId) {
    const invoice = await getInvoice(svc, input.invoiceId);
    if (customerId && invoice.customerId !== customerId)
      throw invalid("The invoice belongs to another customer than the ticket");
    customerId ??= invoice.customerId;
  }
  return {
    customerId,
    subscriberId: input.subscriberId ?? null,
    invoiceId: input.invoiceId ?? null,
    partnerId,
    requesterName,
    requesterEmail,
  };
}
