// The quote as a branded PDF (pdf-lib): the tenant's name and colour, the customer and the
// service address, the lines, monthly and one-off totals with tax, and the validity. The bytes
// are stored when the quote is sent, so the SHA-256 in the acceptance certificate is of exactly
// what the customer saw. The acceptance certificate is a one-page PDF of the signing facts.
import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";
import { formatMoney, isoDate, pdfSafe } from "@/server/modules/billing";

type Brand = { name: string; brandName: string | null; primaryColor: string; locale: string };

export type PdfQuote = {
  number: string;
  createdAt: Date;
  expiresAt: Date;
  currency: string;
  pricesIncludeTax: boolean;
  taxBasisPoints: number;
  customerName: string;
  addressLabel: string;
  lines: Array<{ description: string; recurring: boolean; quantity: number; unitMinor: number; amountMinor: number }>;
  monthly: { netMinor: number; taxMinor: number; grossMinor: number };
  oneOff: { netMinor: number; taxMinor: number; grossMinor: number };
};

function hexColor(hex: string) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return rgb(0.06, 0.38, 1);
  return rgb(Number.parseInt(m[1], 16) / 255, Number.parseInt(m[2], 16) / 255, Number.parseInt(m[3], 16) / 255);
}

async function page(brand: Brand, title: string, created: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(title));
  doc.setAuthor(pdfSafe(brand.brandName ?? brand.name));
  doc.setCreator("FiberOps");
  // Fixed dates: the same quote renders to the same bytes.
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const p = doc.addPage([595.28, 841.89]);
  const { width, height } = p.getSize();
  const color = hexColor(brand.primaryColor);
  p.drawRectangle({ x: 0, y: height - 8, width, height: 8, color });
  const text = (s: string, x: number, y: number, o: { f?: PDFFont; size?: number; grey?: boolean } = {}) =>
    p.drawText(pdfSafe(s), {
      x,
      y,
      size: o.size ?? 10,
      font: o.f ?? font,
      color: o.grey ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0),
    });
  const right = (s: string, xr: number, y: number, f: PDFFont = font, size = 10) =>
    text(s, xr - f.widthOfTextAtSize(pdfSafe(s), size), y, { f, size });
  p.drawText(pdfSafe(brand.brandName ?? brand.name), { x: 48, y: height - 60, size: 18, font: bold, color });
  right(title, width - 48, height - 60, bold, 16);
  return { doc, p, font, bold, text, right, width, height };
}

export async function renderQuotePdf(brand: Brand, q: PdfQuote): Promise<Uint8Array> {
  const { doc, text, right, bold, width, height, p } = await page(brand, `Quote ${q.number}`, q.createdAt);
  const money = (m: number) => formatMoney(m, q.currency, brand.locale);
  let y = height - 100;
  for (const [k, v] of [
    ["For", q.customerName],
    ["Service address", q.addressLabel],
    ["Date", isoDate(q.createdAt)],
    ["Valid until", isoDate(q.expiresAt)],
  ]) {
    text(k, 48, y, { grey: true });
    text(v, 160, y);
    y -= 16;
  }
  y -= 12;
  const section = (title: string, recurring: boolean, totals: PdfQuote["monthly"]) => {
    const lines = q.lines.filter((l) => l.recurring === recurring);
    if (!lines.length) return;
    text(title, 48, y, { f: bold, size: 12 });
    y -= 18;
    for (const l of lines) {
      text(l.quantity > 1 ? `${l.quantity} × ${l.description}` : l.description, 48, y);
      right(money(l.amountMinor), width - 48, y);
      y -= 15;
    }
    p.drawLine({ start: { x: 48, y: y + 8 }, end: { x: width - 48, y: y + 8 }, thickness: 0.5 });
    const rate = `${q.taxBasisPoints / 100}%`;
    text(q.pricesIncludeTax ? `Net (tax ${rate} included)` : "Net", 48, y - 4, { grey: true });
    right(money(totals.netMinor), width - 48, y - 4);
    text(`Tax ${rate}`, 48, y - 19, { grey: true });
    right(money(totals.taxMinor), width - 48, y - 19);
    text(recurring ? "Total per month" : "Total once", 48, y - 36, { f: bold });
    right(money(totals.grossMinor), width - 48, y - 36, bold);
    y -= 64;
  };
  section("Monthly", true, q.monthly);
  section("One-off", false, q.oneOff);
  text("Accept this quote online through the link in our email before it expires.", 48, Math.max(y, 80), {
    grey: true,
    size: 9,
  });
  return doc.save({ useObjectStreams: false });
}

export type Certificate = {
  quoteNumber: string;
  name: string;
  ip: string | null;
  userAgent: string | null;
  acceptedAt: string;
  pdfSha256: string;
  consent: string;
  signature: boolean;
};

export async function renderCertificatePdf(brand: Brand, c: Certificate): Promise<Uint8Array> {
  const at = new Date(c.acceptedAt);
  const { doc, text, height } = await page(brand, "Acceptance certificate", at);
  let y = height - 110;
  for (const [k, v] of [
    ["Quote", c.quoteNumber],
    ["Accepted by", c.name],
    ["Accepted at (UTC)", at.toISOString()],
    ["From IP address", c.ip ?? "unknown"],
    ["Browser", (c.userAgent ?? "unknown").slice(0, 90)],
    ["Drawn signature", c.signature ? "yes" : "no"],
    ["SHA-256 of the quote PDF", c.pdfSha256.slice(0, 32)],
    ["", c.pdfSha256.slice(32)],
  ]) {
    text(k, 48, y, { grey: true });
    text(v, 200, y);
    y -= 18;
  }
  y -= 10;
  text(`Consent given: "${c.consent}"`, 48, y, { size: 9 });
  return doc.save({ useObjectStreams: false });
}
