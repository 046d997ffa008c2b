// The monthly commission statement as a PDF (pdf-lib): the partner's name in its colour,
// every ledger entry of the month (clawbacks negative), the total and the payout if made.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatMoney, loadBillingTenant, pdfSafe } from "@/server/modules/billing";
import type { ServiceContext } from "@/server/service-context";
import { commissionStatement, recomputeCommissions } from "./commissions";
import { getPartner, partnerScope } from "./partners";

function hexColor(hex: string | null | undefined) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex?.trim() ?? "");
  if (!m) return rgb(0.06, 0.38, 1);
  return rgb(Number.parseInt(m[1]!, 16) / 255, Number.parseInt(m[2]!, 16) / 255, Number.parseInt(m[3]!, 16) / 255);
}

/** The statement PDF of the partner (a partner user's own, or one staff look at). */
export async function statementPdf(svc: ServiceContext, partnerId: string, month: string) {
  const scoped = await partnerScope(svc);
  const partner = await getPartner(scoped, partnerId);
  await recomputeCommissions(scoped, partnerId);
  const statement = await commissionStatement(scoped, partnerId, month);
  const tenant = await loadBillingTenant(scoped);
  const currency = statement.currency ?? tenant.currency;
  const money = (m: number) => pdfSafe(formatMoney(m, currency, tenant.locale));

  const doc = await PDFDocument.create();
  doc.setTitle(`Commission statement ${month}`);
  doc.setAuthor(tenant.brandName ?? tenant.name);
  doc.setCreator("FiberOps");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const brand = hexColor(partner.primaryColor ?? tenant.primaryColor);
  const grey = rgb(0.35, 0.35, 0.35);
  let page: PDFPage = doc.addPage([595.28, 841.89]);
  const { width, height } = page.getSize();
  const margin = 48;
  let y = height - margin;
  const text = (s: string, x: number, opts: { f?: PDFFont; size?: number; color?: ReturnType<typeof rgb> } = {}) =>
    page.drawText(pdfSafe(s), { x, y, size: opts.size ?? 10, font: opts.f ?? font, color: opts.color ?? rgb(0, 0, 0) });
  const right = (s: string, xr: number, f: PDFFont = font, size = 10) =>
    text(s, xr - f.widthOfTextAtSize(pdfSafe(s), size), { f, size });

  page.drawRectangle({ x: 0, y: height - 8, width, height: 8, color: brand });
  text(statement.partner.name, margin, { f: bold, size: 18, color: brand });
  right("Commission statement", width - margin, bold, 14);
  y -= 18;
  text(`From ${tenant.legalName}`, margin, { color: grey, size: 9 });
  right(`Month ${month}`, width - margin);
  y -= 13;
  if (statement.partner.plan) text(`Plan: ${statement.partner.plan}`, margin, { color: grey, size: 9 });
  y -= 30;

  text("Date", margin, { f: bold, size: 9, color: grey });
  text("Entry", margin + 80, { f: bold, size: 9, color: grey });
  right("Amount", width - margin, bold, 9);
  y -= 16;
  for (const e of statement.entries) {
    if (y < margin + 60) {
      page = doc.addPage([595.28, 841.89]);
      y = height - margin;
    }
    text(e.createdAt.toISOString().slice(0, 10), margin);
    text(e.description.slice(0, 70), margin + 80);
    right(money(e.amountMinor), width - margin);
    y -= 14;
  }
  if (statement.entries.length === 0) {
    text("No commission was recorded in this month.", margin, { color: grey });
    y -= 14;
  }
  y -= 10;
  page.drawLine({ start: { x: margin, y: y + 8 }, end: { x: width - margin, y: y + 8 }, thickness: 0.5, color: grey });
  text("Total", margin, { f: bold });
  right(money(statement.totalMinor), width - margin, bold);
  y -= 16;
  if (statement.payout)
    text(
      `Paid out ${statement.payout.paidAt.toISOString().slice(0, 10)}${statement.payout.reference ? ` (${statement.payout.reference})` : ""}: ${money(statement.payout.amountMinor)}`,
      margin,
      { color: grey },
    );
  else text("Not paid out yet.", margin, { color: grey });

  return { bytes: await doc.save(), filename: `commission-${month}.pdf` };
}
