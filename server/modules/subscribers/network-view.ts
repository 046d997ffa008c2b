// What the network and IPAM steps need to know about a subscriber. The subscribers module reads
// it and hands it down: network and IPAM sit below subscribers and never call back up.
import type { SubscriberNetworkView } from "@/server/modules/network";
import type { ServiceContext } from "@/server/service-context";
import { getSubscriber } from "./service";

export async function subscriberForNetwork(svc: ServiceContext, subscriberId: string): Promise<SubscriberNetworkView> {
  const s = await getSubscriber(svc, subscriberId);
  return {
    id: s.id,
    username: s.username,
    password: s.password,
    onuSerial: s.onuSerial,
    cpeMac: s.cpeMac,
    staticIpv4: s.staticIpv4,
    accessType: s.accessType,
    vlan: s.vlan,
    downloadKbps: s.plan.downloadKbps,
    uploadKbps: s.plan.uploadKbps,
    planCode: s.plan.code,
  };
}
