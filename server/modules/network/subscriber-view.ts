// What the network steps need to know about a subscriber: the caller (the subscribers module,
// which sits above network) reads it and passes it in.
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
