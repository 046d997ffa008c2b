// The IPAM module's face: pools, addresses and VLANs, and a subscriber's address.
export { ipamRouter } from "./router";
export { externalIpamAddresses, type HeldAddress, heldAddresses } from "./scan";
export { type CreatePoolInput, type CreateVlanInput, createPoolInput } from "./schemas";
export {
  allocateSubscriberIp,
  createPool,
  createVlan,
  ensurePool,
  ensureVlan,
  ipamAdapterFor,
  previewSubscriberIp,
  releaseSubscriberIp,
  type SubscriberAllocation,
  type SubscriberForIp,
  subscriberAddresses,
} from "./service";
