// The external-IPAM port over the in-process network simulator's NetBox-like state.

import { ipToInt } from "@/lib/ipv4";
import { externalFailure } from "@/server/adapters/errors";
import type { ExternalAddress, IpamAdapter } from "@/server/adapters/ipam/port";
import { simCall } from "@/simulator/network/faults";
import type { NbIpAddress, NetworkSimulator } from "@/simulator/network/state";

const toAddress = (a: NbIpAddress): ExternalAddress => ({
  id: String(a.id),
  address: a.address,
  status: a.status,
  description: a.description,
  dnsName: a.dnsName,
});

function within(address: string, prefix: string) {
  const [net, len] = prefix.split("/");
  const size = 2 ** (32 - Number(len));
  const a = ipToInt(address.split("/")[0]);
  const start = ipToInt(net);
  return a >= start && a < start + size;
}

export class SimulatedIpamAdapter implements IpamAdapter {
  readonly kind = "simulator" as const;
  constructor(private readonly sim: NetworkSimulator) {}

  listPrefixes(input?: { q?: string }) {
    return simCall("NetBox", () =>
      [...this.sim.prefixes.values()]
        .filter((p) => !input?.q || p.prefix.includes(input.q) || p.description.includes(input.q))
        .map((p) => ({
          id: String(p.id),
          prefix: p.prefix,
          description: p.description,
          vlanVid: p.vlan ? (this.sim.vlans.get(p.vlan)?.vid ?? null) : null,
        })),
    );
  }
  createPrefix(input: { prefix: string; description?: string; vlanId?: string | null }) {
    return simCall("NetBox", () => {
      const p = this.sim.addPrefix({
        prefix: input.prefix,
        status: "active",
        tenant: null,
        vlan: input.vlanId ? Number(input.vlanId) : null,
        description: input.description ?? "",
        isPool: false,
      });
      return { id: String(p.id), prefix: p.prefix, description: p.description, vlanVid: null };
    });
  }
  async allocate(prefixId: string, input: { description: string; dnsName?: string }) {
    const a = await simCall("NetBox", () =>
      this.sim.allocateIp(Number(prefixId), { description: input.description, dnsName: input.dnsName ?? "" }),
    );
    if (!a) throw externalFailure("NetBox", "exhausted", `Prefix ${prefixId} has no free address`);
    return toAddress(a);
  }
  reserve(address: string, input: { description: string }) {
    return simCall("NetBox", () => {
      const taken = [...this.sim.ipAddresses.values()].find((a) => a.address.split("/")[0] === address.split("/")[0]);
      if (taken) throw externalFailure("NetBox", "nak", `${address} is already recorded`);
      const a: NbIpAddress = {
        id: this.sim.nbId(),
        address: address.includes("/") ? address : `${address}/32`,
        status: "reserved",
        tenant: null,
        dnsName: "",
        description: input.description,
        customFields: {},
      };
      this.sim.ipAddresses.set(a.id, a);
      return toAddress(a);
    });
  }
  release(addressId: string) {
    return simCall("NetBox", () => void this.sim.releaseIp(Number(addressId)));
  }
  listAddresses(input?: { parent?: string; q?: string }) {
    return simCall("NetBox", () =>
      [...this.sim.ipAddresses.values()]
        .filter((a) => !input?.parent || within(a.address, input.parent))
        .filter((a) => !input?.q || a.address.includes(input.q) || a.description.includes(input.q))
        .map(toAddress),
    );
  }
  listVlans() {
    return simCall("NetBox", () =>
      [...this.sim.vlans.values()].map((v) => ({ id: String(v.id), vid: v.vid, name: v.name })),
    );
  }
  createVlan(input: { vid: number; name: string }) {
    return simCall("NetBox", () => {
      const v = {
        id: this.sim.nbId(),
        vid: input.vid,
        name: input.name,
        status: "active",
        tenant: null,
        description: "",
      };
      this.sim.vlans.set(v.id, v);
      return { id: String(v.id), vid: v.vid, name: v.name };
    });
  }
  async testConnection() {
    try {
      const prefixes = await this.listPrefixes();
      return { ok: true, message: `Simulated NetBox answers (${prefixes.length} prefixes)` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
