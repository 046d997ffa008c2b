// Shared pieces of the VOLTHA-style REST API (app/api/v1/voltha): list input from the query
// string, and a VOLTHA event.Event (JSON) → OltEvent for the discovery/alarm webhook.
import type { OltEvent } from "@/server/adapters/olt/port";
import { listInput } from "@/server/list";
import type { VolthaEventBody } from "./schemas";

export function listFromQuery(req: Request) {
  const url = new URL(req.url);
  const p = url.searchParams;
  return listInput.parse({
    page: p.has("page") ? Number(p.get("page")) : undefined,
    pageSize: p.has("page_size")
      ? Number(p.get("page_size"))
      : p.has("pageSize")
        ? Number(p.get("pageSize"))
        : undefined,
    search: p.get("q") ?? p.get("search") ?? undefined,
  });
}

function toDate(v: string | number | undefined) {
  if (v === undefined) return new Date();
  if (typeof v === "number") return new Date(v > 1e12 ? v : v * 1000);
  return new Date(v);
}

/** VOLTHA names events like ONU_DISCOVERY_RAISE_EVENT / ONU_LOSS_OF_SIGNAL_CLEAR_EVENT. */
export function eventFromVoltha(body: VolthaEventBody): OltEvent {
  const name = body.device_event.device_event_name;
  const m = name.match(/^(.*)_(RAISE|CLEAR)_EVENT$/);
  const ctx = body.device_event.context;
  const num = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
  return {
    id: body.header.id,
    kind: m ? m[1] : name,
    state: m?.[2] === "CLEAR" ? "CLEAR" : "RAISE",
    serialNumber: ctx["serial-number"] ?? null,
    // openolt raises ONU events too with the OLT as resource_id (its context names no OLT).
    oltDeviceId: ctx["olt-device-id"] ?? body.device_event.resource_id ?? null,
    onuDeviceId: ctx["onu-device-id"] ?? null,
    intfId: num(ctx["intf-id"]),
    onuId: num(ctx["onu-id"]),
    raisedAt: toDate(body.header.raised_ts),
    context: ctx,
  };
}
