// The invoice as a real PDF (pdf-lib, pure JS): the tenant's brand (name, colour, logo when it
// is an embedded PNG/JPEG data URL), bill-to, lines, a tax summary per rate, totals and the
// amount due.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { BillingTenant } from "./directory";
import { formatMoney, invoiceTotals, isoDate, type LineInput } from "./money";

export type PdfInvoice = {
  number: string | null;
  status: string;
  kind: string;
  issueDate: Date | null;
  dueDate: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  currency: string;
  pricesIncludeTax: boolean;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidMinor: number;
  creditedMinor: number;
  billTo: { name?: string; companyName?: string | null; number?: string; taxId?: string | null; lines?: string[] };
  notes: string | null;
  lines: Array<{
    description: string;
    quantity: number;
    unitAmountMinor: number;
    netMinor: number;
    taxMinor: number;
    grossMinor: number;
    taxRateId: string | null;
    taxRateName: string | null;
    taxBasisPoints: number;
  }>;
};

const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Standard PDF fonts only encode WinAnsi: keep what they can show, replace the rest. */
export function pdfSafe(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2009]/g, " ")
    .split("")
    .map((ch) => (ch.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.has(ch) ? ch : "?"))
    .join("")
    .replace(/[\u0080-\u009f]/g, "?");
}

function hexColor(hex: string) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return rgb(0.06, 0.38, 1);
  return rgb(Number.parseInt(m[1], 16) / 255, Number.parseInt(m[2], 16) / 255, Number.parseInt(m[3], 16) / 255);
}

export async function renderInvoicePdf(tenant: BillingTenant, inv: PdfInvoice, title = "Invoice"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} ${inv.number ?? "draft"}`);
  doc.setAuthor(tenant.brandName ?? tenant.name);
  doc.setCreator("FiberOps");
  doc.setCreationDate(inv.issueDate ?? new Date());
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const brand = hexColor(tenant.primaryColor);
  const grey = rgb(0.35, 0.35, 0.35);
  const money = (m: number) => pdfSafe(formatMoney(m, inv.currency, tenant.locale));

  let page: PDFPage = doc.addPage([595.28, 841.89]); // A4
  const { width, height } = page.getSize();
  const margin = 48;
  let y = height - margin;
  const text = (
    p: PDFPage,
    s: string,
    x: number,
    yy: number,
    opts: { f?: PDFFont; size?: number; color?: ReturnType<typeof rgb> } = {},
  ) =>
    p.drawText(pdfSafe(s), {
      x,
      y: yy,
      size: opts.size ?? 10,
      font: opts.f ?? font,
      color: opts.color ?? rgb(0, 0, 0),
    });
  const right = (p: PDFPage, s: string, xr: number, yy: number, f: PDFFont = font, size = 10) =>
    text(p, s, xr - f.widthOfTextAtSize(pdfSafe(s), size), yy, { f, size });

  // Header band in the tenant's colour, with the logo if it is embedded.
  page.drawRectangle({ x: 0, y: height - 8, width, height: 8, color: brand });
  let logoWidth = 0;
  if (tenant.logoUrl?.startsWith("data:image/")) {
    try {
      const [meta, b64] = tenant.logoUrl.split(",", 2);
      const bytes = Buffer.from(b64, "base64");
      const img = meta.includes("png") ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
      const scaled = img.scaleToFit(120, 40);
      page.drawImage(img, { x: margin, y: y - scaled.height + 6, width: scaled.width, height: scaled.height });
      logoWidth = scaled.width + 12;
    } catch {
      logoWidth = 0;
    }
  }
  text(page, tenant.brandName ?? tenant.name, margin + logoWidth, y - 12, { f: bold, size: 18, color: brand });
  right(page, inv.status === "DRAFT" ? `${title} (draft)` : title, width - margin, y - 12, bold, 18);
  y -= 30;
  text(page, tenant.legalName, margin, y, { color: grey, size: 9 });
  if (tenant.supportEmail || tenant.supportPhone)
    text(page, [tenant.supportEmail, tenant.supportPhone].filter(Boolean).join(" · "), margin, y - 12, {
      color: grey,
      size: 9,
    });

  const meta: Array<[string, string]> = [
    ["Number", inv.number ?? "—"],
    ["Issue date", inv.issueDate ? isoDate(inv.issueDate) : "—"],
    ["Due date", inv.dueDate ? isoDate(inv.dueDate) : "—"],
  ];
  if (inv.periodStart && inv.periodEnd)
    meta.push(["Period", `${isoDate(inv.periodStart)} – ${isoDate(new Date(inv.periodEnd.getTime() - 86_400_000))}`]);
  if (inv.billTo.number) meta.push(["Customer no.", inv.billTo.number]);
  meta.forEach(([k, v], i) => {
    text(page, k, width - margin - 200, y - i * 13, { color: grey, size: 9 });
    right(page, v, width - margin, y - i * 13);
  });

  // Bill to.
  let by = y - 40;
  text(page, "Bill to", margin, by, { f: bold, size: 9, color: grey });
  const billLines = [
    inv.billTo.companyName ?? null,
    inv.billTo.name ?? null,
    ...(inv.billTo.lines ?? []),
    inv.billTo.taxId ? `Tax id ${inv.billTo.taxId}` : null,
  ].filter((l): l is string => Boolean(l));
  for (const l of billLines) {
    by -= 13;
    text(page, l, margin, by);
  }
  y = Math.min(by, y - meta.length * 13) - 30;

  // Lines.
  const cols = { desc: margin, qty: 330, unit: 400, tax: 455, amount: width - margin };
  const header = (p: PDFPage, yy: number) => {
    p.drawRectangle({
      x: margin - 4,
      y: yy - 4,
      width: width - 2 * margin + 8,
      height: 18,
      color: rgb(0.95, 0.95, 0.97),
    });
    text(p, "Description", cols.desc, yy, { f: bold, size: 9 });
    right(p, "Qty", cols.qty + 30, yy, bold, 9);
    right(p, "Unit", cols.unit + 40, yy, bold, 9);
    right(p, "Tax", cols.tax + 40, yy, bold, 9);
    right(p, inv.pricesIncludeTax ? "Amount (incl. tax)" : "Amount", cols.amount, yy, bold, 9);
  };
  header(page, y);
  y -= 20;
  for (const l of inv.lines) {
    if (y < 140) {
      page = doc.addPage([595.28, 841.89]);
      y = height - margin;
      header(page, y);
      y -= 20;
    }
    // Wrap long descriptions.
    const words = pdfSafe(l.description).split(" ");
    const wrapped: string[] = [];
    let current = "";
    for (const w of words) {
      const next = current ? `${current} ${w}` : w;
      if (font.widthOfTextAtSize(next, 9) > cols.qty - cols.desc - 20 && current) {
        wrapped.push(current);
        current = w;
      } else current = next;
    }
    wrapped.push(current);
    wrapped.forEach((w, i) => {
      text(page, w, cols.desc, y - i * 11, { size: 9 });
    });
    right(page, String(l.quantity), cols.qty + 30, y, font, 9);
    right(page, money(l.unitAmountMinor), cols.unit + 40, y, font, 9);
    right(page, l.taxBasisPoints ? `${l.taxBasisPoints / 100}%` : "0%", cols.tax + 40, y, font, 9);
    right(page, money(inv.pricesIncludeTax ? l.grossMinor : l.netMinor), cols.amount, y, font, 9);
    y -= 11 * wrapped.length + 6;
  }

  // Tax summary and totals.
  const summary = invoiceTotals(
    inv.lines.map<LineInput>((l) => ({
      amountMinor: inv.pricesIncludeTax ? l.grossMinor : l.netMinor,
      taxRateId: l.taxRateId,
      taxRateName: l.taxRateName,
      basisPoints: l.taxBasisPoints,
    })),
    inv.pricesIncludeTax,
  ).byRate;
  y -= 10;
  page.drawLine({ start: { x: margin, y: y + 8 }, end: { x: width - margin, y: y + 8 }, thickness: 0.5, color: grey });
  for (const r of summary) {
    text(page, `${r.name}: tax on ${money(r.netMinor)}`, margin, y, { size: 9, color: grey });
    right(page, money(r.taxMinor), margin + 260, y, font, 9);
    y -= 12;
  }
  let ty = y + 12 * summary.length;
  const totals: Array<[string, number, boolean]> = [
    ["Subtotal (net)", inv.subtotalMinor, false],
    ["Tax", inv.taxMinor, false],
    ["Total", inv.totalMinor, true],
  ];
  if (inv.creditedMinor) totals.push(["Credited", -inv.creditedMinor, false]);
  if (inv.paidMinor) totals.push(["Paid", -inv.paidMinor, false]);
  if (inv.status !== "DRAFT" && inv.status !== "VOID")
    totals.push(["Amount due", Math.max(0, inv.totalMinor - inv.paidMinor - inv.creditedMinor), true]);
  for (const [label, value, strong] of totals) {
    text(page, label, width - margin - 200, ty, { f: strong ? bold : font });
    right(page, money(value), width - margin, ty, strong ? bold : font);
    ty -= 15;
  }
  y = Math.min(y, ty) - 20;
  if (inv.status === "VOID") text(page, "VOID", margin, y, { f: bold, size: 28, color: rgb(0.8, 0.1, 0.1) });
  if (inv.notes) text(page, inv.notes, margin, y - 30, { size: 9, color: grey });
  text(page, `${tenant.legalName} · prices ${inv.pricesIncludeTax ? "include" : "exclude"} tax`, margin, 36, {
    size: 8,
    color: grey,
  });
  return doc.save();
}
