// CSV import of leads (a list from a door-to-door campaign or a partner): a header row naming
// the columns (name, email, phone, street, number, unit, postcode, city, country, notes), any
// order, comma or semicolon separated, quoted fields allowed. Each valid row becomes a lead
// (source CSV_IMPORT); the rows that are not are reported by line with the reason.
import { invalid } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { createLead } from "./create-lead";

const MAX_ROWS = 2000;

/** Splits CSV text into rows of fields (RFC 4180 quoting; the delimiter is guessed from the header). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim()));
}

export async function importLeadsCsv(svc: ServiceContext, csv: string, ownerId?: string | null) {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw invalid("The file is empty");
  if (rows.length > MAX_ROWS) throw invalid(`Import at most ${MAX_ROWS} rows at a time`);
  const col = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  if (!col.has("name")) throw invalid('The first row must name the columns, including "name"');
  const get = (r: string[], name: string) => {
    const i = col.get(name);
    return i === undefined ? "" : (r[i] ?? "").trim();
  };
  const created: Array<{ line: number; id: string; number: number; duplicate: boolean }> = [];
  const failed: Array<{ line: number; reason: string }> = [];
  for (const [index, r] of rows.entries()) {
    const line = index + 2;
    const street = get(r, "street");
    try {
      const lead = await createLead(svc, {
        name: get(r, "name"),
        email: get(r, "email"),
        phone: get(r, "phone"),
        source: "CSV_IMPORT",
        ownerId: ownerId ?? null,
        notes: get(r, "notes"),
        address: street
          ? {
              streetName: street,
              streetNr: get(r, "number"),
              unit: get(r, "unit"),
              postcode: get(r, "postcode"),
              city: get(r, "city"),
              country: get(r, "country") || "DE",
            }
          : undefined,
      });
      created.push({ line, id: lead.id, number: lead.number, duplicate: Boolean(lead.duplicateOfId) });
    } catch (error) {
      const issues = (error as { issues?: Array<{ message: string }> }).issues;
      failed.push({ line, reason: issues?.map((i) => i.message).join("; ") ?? (error as Error).message });
    }
  }
  return { created, failed };
}
