// The IPAM port for external IP address management (NetBox). The built-in PostgreSQL IPAM is
// the default and lives in server/modules/ipam; these implementations serve tenants who keep
// their addresses in NetBox: netbox.ts (REST) and simulated.ts (in-process simulator).
import type { ConnectionTest } from "@/server/adapters/olt/port";

export type ExternalPrefix = { id: string; prefix: string; description: string; vlanVid: number | null };
export type ExternalAddress = { id: string; address: string; status: string; description: string; dnsName: string };
export type ExternalVlan = { id: string; vid: number; name: string };

export interface IpamAdapter {
  readonly kind: "netbox" | "simulator";
  listPrefixes(input?: { q?: string }): Promise<ExternalPrefix[]>;
  createPrefix(input: { prefix: string; description?: string; vlanId?: string | null }): Promise<ExternalPrefix>;
  /** Next free address of a prefix; CONFLICT (kind "exhausted") when the prefix is full. */
  allocate(
    prefixId: string,
    input: { description: string; dnsName?: string; reference?: string },
  ): Promise<ExternalAddress>;
  /** Reserves one given address (status reserved). */
  reserve(address: string, input: { description: string }): Promise<ExternalAddress>;
  release(addressId: string): Promise<void>;
  listAddresses(input?: { parent?: string; q?: string }): Promise<ExternalAddress[]>;
  listVlans(): Promise<ExternalVlan[]>;
  createVlan(input: { vid: number; name: string }): Promise<ExternalVlan>;
  testConnection(): Promise<ConnectionTest>;
}
