// The subscriber search string: one lower-cased text per subscriber holding everything staff
// search by (username, customer name/company/phone/email, address, ONU serial, CPE MAC in
// both notations, IP addresses), indexed with a pg_trgm GIN index so `contains` stays fast at
// a million rows (migration *_subscribers_search + *_pg_trgm).

import type { ServiceContext } from "@/server/service-context";
import { relatedOf } from "./related";

// biome-ignore lint/suspicious/noExplicitAny: scoped or raw transaction client
type Tx = any;

type Parts = {
  username: string;
  onuSerial?: string | null;
  cpeMac?: string | null;
  staticIpv4?: string | null;
  ipv4Address?: string | null;
  customer?: { name: string; companyName?: string | null; email: string; phone?: string | null; number: string } | null;
  serviceAddress?: { line1: string; line2?: string | null; city: string; postcode: string } | null;
};

export function normalizeMac(mac: string) {
  const hex = mac.replace(/[^0-9a-fA-F]/g, "").toLowerCase();
  if (hex.length !== 12) return mac.trim().toLowerCase();
  return hex.match(/../g)?.join(":") ?? hex;
}

export function subscriberSearchText(p: Parts) {
  const mac = p.cpeMac ? normalizeMac(p.cpeMac) : null;
  return [
    p.username,
    p.onuSerial,
    mac,
    mac?.replace(/:/g, ""),
    p.staticIpv4?.replace(/\/32$/, ""),
    p.ipv4Address?.replace(/\/32$/, ""),
    p.customer?.number,
    p.customer?.name,
    p.customer?.companyName,
    p.customer?.email,
    p.customer?.phone,
    p.customer?.phone?.replace(/\D/g, ""),
    p.serviceAddress?.line1,
    p.serviceAddress?.line2,
    p.serviceAddress?.postcode,
    p.serviceAddress?.city,
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

/** Recomputes the search text of the subscribers matching `where` (after customer/address edits). */
export async function refreshSubscriberSearch(tx: Tx, where: Record<string, unknown>) {
  const subs = await tx.subscriber.findMany({
    where,
    select: {
      id: true,
      username: true,
      onuSerial: true,
      cpeMac: true,
      staticIpv4: true,
      ipv4Address: true,
      tenantId: true,
      customerId: true,
      serviceAddressId: true,
      planId: true,
    },
  });
  if (subs.length === 0) return 0;
  const r = await relatedOf(tx, subs[0].tenantId, subs);
  for (const s of subs) {
    const text = subscriberSearchText({
      ...s,
      customer: r.customer(s.customerId),
      serviceAddress: r.address(s.serviceAddressId),
    });
    await tx.subscriber.update({ where: { id: s.id }, data: { searchText: text } });
  }
  return subs.length;
}

/**
 * The ids of the subscribers whose username (or, with `anyField`, anything staff search by)
 * contains `text`, for other modules' searches; at most `take`.
 */
export async function subscriberIdsMatching(
  svc: ServiceContext,
  text: string,
  opts: { anyField?: boolean; take?: number } = {},
): Promise<string[]> {
  const rows = await svc.db.subscriber.findMany({
    where: opts.anyField
      ? { searchText: { contains: text.toLowerCase() } }
      : { username: { contains: text, mode: "insensitive" } },
    select: { id: true },
    take: opts.take ?? 200,
  });
  return rows.map((r) => r.id);
}

/** A customer's services follow it when it moves to or from a partner (the partner scope). */
export async function setServicesPartner(tx: Tx, customerId: string, partnerId: string | null) {
  await tx.subscriber.updateMany({ where: { customerId }, data: { partnerId } });
}
