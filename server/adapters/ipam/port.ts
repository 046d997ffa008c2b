// The IPAM port for external IP address management (NetBox). The built-in PostgreSQL IPAM is
// the default and lives in server/modules/ipam; these implementations serve tenants who keep
// their addresses in NetBox: netbox.ts (REST) and simulated.ts (in-process simulator).
import type { ConnectionTest } from "@/server/adapters/olt/port";

/** `adopted`: the prefix already existed in the IPAM and was taken over, not created. */
export type ExternalPrefix = {
  id: string;
  prefix: string;
  description: string;
  vlanVid: number | null;
  adopted?: boolean;
};
/**
 * `address` is as the IPAM holds it: host and mask, e.g. "100.64.0.5/24" (NetBox gives the
 * parent's mask). `adopted`: it was already recorded and was taken over (see `reserve`).
 */
export type ExternalAddress = {
  id: string;
  address: string;
  status: string;
  description: string;
  dnsName: string;
  adopted?: boolean;
};
export type ExternalVlan = { id: string; vid: number; name: string };

export interface IpamAdapter {
  readonly kind: "netbox" | "simulator";
  listPrefixes(input?: { q?: string }): Promise<ExternalPrefix[]>;
  /** Creates the prefix, or adopts it when the IPAM already holds it. */
  createPrefix(input: { prefix: string; description?: string; vlanId?: string | null }): Promise<ExternalPrefix>;
  /**
   * Next free address of a prefix; CONFLICT (kind "exhausted") when the prefix is full. With a
   * `reference` (the subscriber), an address of the prefix already carrying it is returned
   * again, so a retried allocation never takes a second address.
   */
  allocate(
    prefixId: string,
    input: { description: string; dnsName?: string; reference?: string },
  ): Promise<ExternalAddress>;
  /** Reserves one given address (status reserved); `adoptExisting` takes over an address already recorded. */
  reserve(address: string, input: { description: string; adoptExisting?: boolean }): Promise<ExternalAddress>;
  release(addressId: string): Promise<void>;
  listAddresses(input?: { parent?: string; q?: string }): Promise<ExternalAddress[]>;
  listVlans(): Promise<ExternalVlan[]>;
  createVlan(input: { vid: number; name: string }): Promise<ExternalVlan>;
  testConnection(): Promise<ConnectionTest>;
}
