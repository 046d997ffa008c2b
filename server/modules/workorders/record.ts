// What the technician records on site: checklist ticks, optical power at the ONU, serials,
// notes, photos (shrunk in the browser) and the customer's signature (a PNG from a canvas).
// Bytes go to the storage port; the image type is read from the bytes, not trusted.
import { randomBytes } from "node:crypto";
import { fileStorage } from "@/server/adapters/storage";
import { invalid, notFound } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { recordWorkOrderEvent } from "./history";
import { assertInScope, lockWorkOrder, type Scope } from "./load";
import { type ChecklistItem, type RecordInput, recordInput } from "./schemas";

const EDITABLE = ["ON_SITE", "IN_PROGRESS"];
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

function assertEditable(order: { status: string }) {
  if (!EDITABLE.includes(order.status)) throw invalid("Record findings once on site, before the order is completed");
}

export async function recordFindings(svc: ServiceContext, raw: RecordInput, scope: Scope = {}) {
  const input = recordInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const before = await lockWorkOrder(tx, svc, input.workOrderId);
    assertInScope(before, scope);
    assertEditable(before);
    const checklist = (before.checklist as ChecklistItem[]).map((item) =>
      input.checklist && item.key in input.checklist ? { ...item, done: input.checklist[item.key] } : item,
    );
    const after = await tx.workOrder.update({
      where: { id: before.id },
      data: {
        checklist,
        ...(input.opticalPowerDbm !== undefined ? { opticalPowerDbm: input.opticalPowerDbm } : {}),
        ...(input.onuSerial !== undefined ? { onuSerial: input.onuSerial } : {}),
        ...(input.cpeSerial !== undefined ? { cpeSerial: input.cpeSerial } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
      },
    });
    const changed = (["opticalPowerDbm", "onuSerial", "cpeSerial", "notes"] as const).filter(
      (k) => before[k] !== after[k],
    );
    const ticked = checklist.filter((c, i) => c.done !== (before.checklist as ChecklistItem[])[i]?.done);
    if (changed.length || ticked.length)
      await recordWorkOrderEvent(
        tx,
        svc,
        before.id,
        "recorded",
        [...changed, ...ticked.map((c) => `${c.done ? "✓" : "✗"} ${c.label}`)].join(", "),
        {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      );
    return after;
  });
}

/** The image type of the bytes (PNG, JPEG or WebP), or null. */
function imageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP") return "image/webp";
  return null;
}

async function storeImage(bytes: Uint8Array, only?: string) {
  if (bytes.length > PHOTO_MAX_BYTES) throw invalid("The image is larger than 2 MB");
  const type = imageType(bytes);
  if (!type || (only && type !== only))
    throw invalid(only ? "The signature must be a PNG image" : "Send a PNG, JPEG or WebP image");
  const key = `workorders/${randomBytes(16).toString("hex")}`;
  await fileStorage().put(key, bytes, type);
  return { key, type };
}

export async function addWorkOrderPhoto(
  svc: ServiceContext,
  input: { workOrderId: string; bytes: Uint8Array; caption?: string },
  scope: Scope = {},
) {
  const { key, type } = await storeImage(input.bytes);
  return svc.db.$transaction(async (tx) => {
    const order = await lockWorkOrder(tx, svc, input.workOrderId);
    assertInScope(order, scope);
    assertEditable(order);
    const photo = await tx.workOrderPhoto.create({
      data: {
        tenantId: svc.tenantId,
        workOrderId: order.id,
        contentType: type,
        sizeBytes: input.bytes.length,
        storageKey: key,
        caption: input.caption ?? "",
      },
    });
    await recordWorkOrderEvent(tx, svc, order.id, "photo", `Photo added${input.caption ? `: ${input.caption}` : ""}`);
    return { id: photo.id, sizeBytes: photo.sizeBytes, contentType: photo.contentType };
  });
}

export async function signWorkOrder(
  svc: ServiceContext,
  input: { workOrderId: string; signedBy: string; png: Uint8Array },
  scope: Scope = {},
) {
  const signedBy = input.signedBy.trim();
  if (!signedBy) throw invalid("Write the name of the person who signs");
  const { key } = await storeImage(input.png, "image/png");
  return svc.db.$transaction(async (tx) => {
    const order = await lockWorkOrder(tx, svc, input.workOrderId);
    assertInScope(order, scope);
    assertEditable(order);
    await tx.workOrder.update({ where: { id: order.id }, data: { signatureKey: key, signedBy } });
    await recordWorkOrderEvent(tx, svc, order.id, "signed", `Signed by ${signedBy}`);
    return { signedBy };
  });
}

/** A photo's or signature's bytes, for staff who may see the order. */
export async function workOrderImage(
  svc: ServiceContext,
  workOrderId: string,
  which: { photoId?: string },
  scope: Scope = {},
) {
  const order = await svc.db.workOrder.findFirst({ where: { id: workOrderId }, include: { photos: true } });
  if (!order) throw notFound("Work order");
  assertInScope(order, scope);
  const photo = which.photoId ? order.photos.find((p) => p.id === which.photoId) : null;
  const key = which.photoId ? photo?.storageKey : order.signatureKey;
  if (!key) throw notFound(which.photoId ? "Photo" : "Signature");
  const bytes = await fileStorage().get(key);
  if (!bytes) throw notFound("Image");
  return { bytes, contentType: photo?.contentType ?? "image/png" };
}
