// Create a lead (staff, partner, REST, the public form, a CSV row): its address located, its
// serviceability noted, numbered per tenant, and flagged when an earlier open lead has the same
// email, phone or address (the duplicate is kept and linked, not refused: people do re-enquire).
import { Prisma } from "@/server/db";
import { recordAudit } from "@/server/modules/audit";
import { checkServiceability } from "@/server/modules/serviceability";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { type LeadInput, leadInput } from "./inputs";

export const phoneDigits = (phone?: string | null) => {
  const d = phone?.replace(/\D/g, "") ?? "";
  return d.length >= 6 ? d : null;
};

export async function createLead(svc: ServiceContext, raw: LeadInput) {
  const input = leadInput.parse(raw);
  const checked = input.address ? await checkServiceability(svc, { address: input.address }) : null;
  const address = checked?.address ?? null;
  const emailLower = input.email?.toLowerCase() ?? null;
  const digits = phoneDigits(input.phone);
  const same: Prisma.LeadWhereInput[] = [];
  if (emailLower) same.push({ emailLower });
  if (digits) same.push({ phoneDigits: digits });
  if (address) same.push({ addressId: address.id });
  return svc.db.$transaction(async (tx) => {
    const duplicateOf = same.length
      ? await tx.lead.findFirst({ where: { OR: same, duplicateOfId: null }, orderBy: { createdAt: "asc" } })
      : null;
    const [{ last }] = await tenantSql(tx, svc.tenantId).query<Array<{ last: number }>>(Prisma.sql`
      INSERT INTO "LeadCounter" ("tenantId", "last") VALUES (${svc.tenantId}::uuid, 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "LeadCounter"."last" + 1
      RETURNING "last"`);
    const lead = await tx.lead.create({
      data: {
        tenantId: svc.tenantId,
        number: last,
        name: input.name,
        email: input.email ?? null,
        emailLower,
        phone: input.phone ?? null,
        phoneDigits: digits,
        addressId: address?.id ?? null,
        addressLabel: address?.label ?? "",
        source: input.source,
        ownerId: input.ownerId ?? null,
        partnerId: input.partnerId ?? null,
        planId: input.planId ?? null,
        serviceability: checked?.status ?? null,
        duplicateOfId: duplicateOf?.id ?? null,
        notes: input.notes ?? null,
      },
    });
    const facts = [
      `Lead created (${input.source.toLowerCase().replace("_", " ")})`,
      checked ? `${checked.status.toLowerCase().replaceAll("_", " ")}: ${checked.reason}` : null,
      duplicateOf ? `Possible duplicate of L-${duplicateOf.number}` : null,
    ];
    await tx.leadActivity.create({
      data: {
        tenantId: svc.tenantId,
        leadId: lead.id,
        kind: "STAGE",
        body: facts.filter(Boolean).join(". "),
        authorLabel: svc.actor.label,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "lead.create",
      targetType: "Lead",
      targetId: lead.id,
      after: lead,
    });
    return { ...lead, duplicateOfNumber: duplicateOf?.number ?? null, serviceabilityResult: checked };
  });
}
