// The DNS resolver the platform uses.
import type { DnsResolver } from "./port";
import { SystemDnsResolver } from "./system";

export type { DnsResolver } from "./port";

let resolver: DnsResolver | undefined;

export function dnsResolver(): DnsResolver {
  resolver ??= new SystemDnsResolver();
  return resolver;
}
