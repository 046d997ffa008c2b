// The answers a real NetBox 4.5.10 gave to every call our client makes (recorded-4.5.10.json,
// derived from shared/reference/netbox-4.5-recorded.md), for the contract tests of the fake
// (contract.test.ts) and of the client (server/adapters/ipam/netbox.test.ts).
import recording from "./recorded-4.5.10.json";

export type RecordedExchange = {
  method: string;
  /** The route as NetBox documents it, e.g. /api/ipam/prefixes/{id}/available-ips/ */
  route: string;
  /** The request that was recorded (path and query). */
  path: string;
  status: number;
  /** The body as recorded; cut at 400 characters when `truncated`. */
  body: string;
  truncated: boolean;
};

export const RECORDED_VERSION = recording.netboxVersion;
export const exchanges: RecordedExchange[] = recording.exchanges;

/** The recorded exchange for a route and status ("POST /api/ipam/prefixes/ 400"). */
export function recorded(key: string): RecordedExchange {
  const found = exchanges.find((e) => `${e.method} ${e.route} ${e.status}` === key);
  if (!found) throw new Error(`no recorded exchange "${key}"`);
  return found;
}

/**
 * A body with what differs between two NetBox instances made equal: the host (recorded as
 * netbox.example) and object ids, in "id" fields and in URLs.
 */
export function canonical(body: string, base: string) {
  return body
    .split(base)
    .join("https://netbox.example")
    .replace(/"id":\d+/g, '"id":0')
    .replace(/(https:\/\/netbox\.example\/[a-z/-]+\/)\d+\//g, "$10/");
}
