// Deliveries from a CSV file (the supplier's packing list): a header row with model_code and
// serial (and optionally mac), or model_code and quantity. Every row is checked before anything
// is received: a bad row refuses the file with its line number.
import { invalid } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { receiveEquipment } from "./equipment";
import { serialSchema } from "./schemas";

export async function importDeliveryCsv(svc: ServiceContext, input: { locationId: string; csv: string }) {
  const lines = input.csv
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const header = (lines.shift() ?? "")
    .toLowerCase()
    .split(",")
    .map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  if (col("model_code") < 0 || (col("serial") < 0 && col("quantity") < 0))
    throw invalid("The first row must name the columns: model_code and serial (and mac), or model_code and quantity");
  const models = new Map((await svc.db.inventoryModel.findMany()).map((m) => [m.code.toUpperCase(), m]));
  const batches = new Map<string, { items: { serial: string; mac?: string }[]; quantity: number }>();
  lines.forEach((line, i) => {
    const cells = line.split(",").map((c) => c.trim());
    const at = `Line ${i + 2}`;
    const model = models.get((cells[col("model_code")] ?? "").toUpperCase());
    if (!model) throw invalid(`${at}: unknown model code "${cells[col("model_code")]}"`);
    const batch = batches.get(model.id) ?? { items: [], quantity: 0 };
    batches.set(model.id, batch);
    if (model.serialised) {
      const serial = serialSchema.safeParse(cells[col("serial")] ?? "");
      if (!serial.success) throw invalid(`${at}: ${serial.error.issues[0]?.message ?? "bad serial"}`);
      batch.items.push({ serial: serial.data, mac: col("mac") >= 0 ? cells[col("mac")] || undefined : undefined });
    } else {
      const quantity = Number(cells[col("quantity")]);
      if (!Number.isInteger(quantity) || quantity <= 0)
        throw invalid(`${at}: the quantity must be a whole number above 0`);
      batch.quantity += quantity;
    }
  });
  let received = 0;
  for (const [modelId, batch] of batches) {
    const r = await receiveEquipment(svc, {
      locationId: input.locationId,
      modelId,
      items: batch.items,
      quantity: batch.quantity || undefined,
      note: "CSV delivery",
    });
    received += r.received;
  }
  return { received };
}
