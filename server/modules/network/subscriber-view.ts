// What the network and IPAM modules need to know about a subscriber, read through the
// subscribers module's service (never its table).
import { getPlan } from "@/server/modules/catalog";
import { getSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";

export type SubscriberNetworkView = {
  id: string;
  username: string;
  password: string | null;
  onuSerial: string | null;
  cpeMac: string | null;
  staticIpv4: string | null;
  accessType: string;
  vlan: number | null;
  downloadKbps: number | null;
  uploadKbps: number | null;
  planCode: string | null;
};

type Loose = Record<string, unknown> & { plan?: Record<string, unknown> | null };

export async function subscriberForNetwork(svc: ServiceContext, subscriberId: string): Promise<SubscriberNetworkView> {
  const s = (await getSubscriber(svc, subscriberId)) as unknown as Loose;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const plan =
    s.plan ??
    (typeof s.planId === "string" ? ((await getPlan(svc, s.planId)) as unknown as Record<string, unknown>) : null);
  return {
    id: String(s.id),
    username: String(s.username),
    password: str(s.password),
    onuSerial: str(s.onuSerial),
    cpeMac: str(s.cpeMac),
    staticIpv4: str(s.staticIpv4),
    accessType: String(s.accessType ?? "PPPOE"),
    vlan: num(s.vlan),
    downloadKbps: num(plan?.downloadKbps),
    uploadKbps: num(plan?.uploadKbps),
    planCode: str(plan?.code),
  };
}
