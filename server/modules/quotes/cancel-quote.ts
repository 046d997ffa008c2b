// Withdraw a quote not yet accepted: its link then shows "no longer valid" and changes nothing.
import { invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";

export async function cancelQuote(svc: ServiceContext, id: string) {
  return svc.db.$transaction(async (tx) => {
    const quote = await tx.quote.findFirst({ where: { id } });
    if (!quote) throw notFound("The quote");
    if (quote.status === "ACCEPTED") throw invalid("An accepted quote cannot be withdrawn");
    if (quote.status === "CANCELLED" || quote.status === "SUPERSEDED") return quote;
    const cancelled = await tx.quote.update({ where: { id }, data: { status: "CANCELLED" } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "quote.cancel",
      targetType: "Quote",
      targetId: id,
      before: { status: quote.status },
      after: { status: "CANCELLED" },
    });
    return cancelled;
  });
}
