// The REST routes of the equipment inventory (/api/v1/inventory/equipment): assign a serial to
// a subscriber, take it back, inspect it, and read its history; and the equipment return policy
// (/api/v1/inventory/return-policy) — the same use cases as the console, in the API's snake_case.
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import { loadBillingTenant } from "@/server/modules/billing";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { assignEquipment, equipmentHistory, inspectEquipment, returnEquipment } from "./equipment";
import { returnCharges, returnPolicy, setReturnPolicy } from "./returns";
import { INSPECTION_OUTCOMES, ITEM_CONDITIONS, LOCATION_KINDS, MOVEMENT_KINDS } from "./schemas";

const timestamp = z.iso.datetime({ offset: true });
const TAG = "Inventory";

const locationOut = z.object({ id: z.uuid(), kind: z.enum(LOCATION_KINDS), name: z.string() });
const equipmentOut = z.object({
  serial: z.string(),
  mac: z.string().nullable(),
  model: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
  condition: z.enum(ITEM_CONDITIONS),
  location: locationOut,
  subscriber_id: z.uuid().nullable().describe("Set while the item is fitted at a subscriber's premises"),
});
const movementOut = z.object({
  id: z.uuid(),
  kind: z.enum(MOVEMENT_KINDS),
  from: locationOut.nullable(),
  to: locationOut.nullable(),
  subscriber_id: z.uuid().nullable(),
  work_order_id: z.uuid().nullable(),
  note: z.string(),
  actor: z.string(),
  date: timestamp,
});

async function present(svc: ServiceContext, serial: string) {
  const h = await equipmentHistory(svc, serial);
  const loc = (id: string | null) => {
    const l = id ? h.locations.get(id) : null;
    return l ? { id: l.id, kind: l.kind, name: l.name } : null;
  };
  const here = loc(h.item.locationId) as z.infer<typeof locationOut>;
  return {
    equipment: {
      serial: h.item.serial,
      mac: h.item.mac,
      model: { code: h.item.model.code, name: h.item.model.name, kind: h.item.model.kind },
      condition: h.item.condition,
      location: here,
      subscriber_id: h.location?.subscriberId ?? null,
    },
    movements: h.movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      from: loc(m.fromLocationId),
      to: loc(m.toLocationId),
      subscriber_id: m.subscriberId,
      work_order_id: m.workOrderId,
      note: m.note,
      actor: m.actorLabel,
      date: m.createdAt,
    })),
  };
}

const serialParam = z.object({ serial: z.string().min(4).max(32) });

const days = (what: string, min: number) => z.number().int().min(min).max(120).describe(what);
const chargeIn = z.object({
  model_code: z.string().describe("A serialised item model's code"),
  charge_minor: z.number().int().min(0).describe("What an unreturned item of the model is charged, minor units"),
});
const policyOut = z.object({
  due_days: z.number().int().describe("Days from the disconnection to return the equipment"),
  grace_days: z.number().int().describe("Days after the reminder before an unreturned item is charged"),
  currency: z.string().describe("ISO 4217 currency of the charges"),
  charges: z.array(chargeIn.extend({ model_id: z.uuid(), model_name: z.string() })),
});

async function presentPolicy(svc: ServiceContext) {
  const [policy, charges, { currency }] = await Promise.all([
    returnPolicy(svc),
    returnCharges(svc),
    loadBillingTenant(svc),
  ]);
  return {
    due_days: policy.dueDays,
    grace_days: policy.graceDays,
    currency,
    charges: charges.map((c) => ({
      model_id: c.modelId,
      model_code: c.code,
      model_name: c.name,
      charge_minor: c.chargeMinor,
    })),
  };
}

export const inventoryRoutes = [
  defineRoute({
    method: "POST",
    path: "/inventory/equipment/assign",
    tag: TAG,
    summary: "Fit an item from stock at a subscriber's premises",
    description:
      "The item must be in a warehouse or van. Two assignments of the same serial at once: one wins, the other gets 409 with where the item is. Assigning it again to the same subscriber changes nothing.",
    permission: "inventory.write",
    body: z.object({ serial: z.string(), subscriber_id: z.uuid(), work_order_id: z.uuid().optional() }),
    response: equipmentOut,
    async handler({ svc, body, idempotencyKey }) {
      const serial = await withIdempotency(svc, "inventory.assign", idempotencyKey, body, async () => {
        const item = await assignEquipment(svc, {
          serial: body.serial,
          subscriberId: body.subscriber_id,
          workOrderId: body.work_order_id,
        });
        return item.serial;
      });
      return (await present(svc, serial)).equipment;
    },
  }),
  defineRoute({
    method: "POST",
    path: "/inventory/equipment/return",
    tag: TAG,
    summary: "Take an item back from a subscriber's premises into a warehouse",
    description: "The item waits for inspection. Defaults to the main warehouse.",
    permission: "inventory.write",
    body: z.object({ serial: z.string(), location_id: z.uuid().optional(), note: z.string().max(500).optional() }),
    response: equipmentOut,
    async handler({ svc, body, idempotencyKey }) {
      const serial = await withIdempotency(svc, "inventory.return", idempotencyKey, body, async () => {
        const r = await returnEquipment(svc, { serial: body.serial, toLocationId: body.location_id, note: body.note });
        return r.item.serial;
      });
      return (await present(svc, serial)).equipment;
    },
  }),
  defineRoute({
    method: "POST",
    path: "/inventory/equipment/{serial}/inspect",
    tag: TAG,
    summary: "Inspect a returned item: back to stock, refurbished, sent to the vendor (RMA) or scrapped",
    permission: "inventory.write",
    params: serialParam,
    body: z.object({ outcome: z.enum(INSPECTION_OUTCOMES), note: z.string().max(500).optional() }),
    response: equipmentOut,
    async handler({ svc, params, body }) {
      const item = await inspectEquipment(svc, { serial: params.serial, outcome: body.outcome, note: body.note });
      return (await present(svc, item.serial)).equipment;
    },
  }),
  defineRoute({
    method: "GET",
    path: "/inventory/return-policy",
    tag: TAG,
    summary: "The equipment return policy: due days, grace days and the charge per model",
    description:
      "A disconnected subscriber returns fitted equipment within due_days; past that they are reminded once, and past grace_days more each unreturned item is charged its model's charge on the next invoice.",
    permission: "inventory.read",
    response: policyOut,
    handler: ({ svc }) => presentPolicy(svc),
  }),
  defineRoute({
    method: "PUT",
    path: "/inventory/return-policy",
    tag: TAG,
    summary: "Set the equipment return policy (and the charge of the models named)",
    description:
      "Models left out of charges keep their charge. An unknown model code, or one named twice, is refused with 400 and nothing changes. Sending the same policy again changes nothing.",
    permission: "inventory.write",
    body: z.object({
      due_days: days("Days from the disconnection to return the equipment (1–120)", 1),
      grace_days: days("Days after the reminder before an unreturned item is charged (0–120)", 0),
      charges: z.array(chargeIn).max(500).optional(),
    }),
    response: policyOut,
    async handler({ svc, body }) {
      await setReturnPolicy(svc, {
        dueDays: body.due_days,
        graceDays: body.grace_days,
        charges: body.charges?.map((c) => ({ modelCode: c.model_code, chargeMinor: c.charge_minor })),
      });
      return presentPolicy(svc);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/inventory/equipment/{serial}/history",
    tag: TAG,
    summary: "An item and every movement of it, oldest first",
    permission: "inventory.read",
    params: serialParam,
    response: z.object({ equipment: equipmentOut, movements: z.array(movementOut) }),
    handler: ({ svc, params }) => present(svc, params.serial),
  }),
];
