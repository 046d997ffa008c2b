// The network module's face: OLTs, PON ports, ONUs and CPEs (through the OLT and ACS
// adapters), the provisioning steps a subscriber's service needs, topology, and the VOLTHA REST
// routes' handlers.
export { activateOnu, getOnu, listOnus, readOnuOptics, setOnuBandwidth } from "./onus";
export {
  activateSubscriberOnu,
  applySubscriberBandwidth,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
  subscriberNetwork,
} from "./provisioning";
export { eventFromVoltha, listFromQuery } from "./rest";
export { networkRouter } from "./router";
export { bandwidthInput, firmwareInput, listOnusInput, registerOltInput, volthaEventBody } from "./schemas";
export { DEMO_OLT, seedNetwork } from "./seed";
export { getOlt, listOlts, recordEvents, registerOlt, upgradeFirmware } from "./service";
export { type SubscriberNetworkView, subscriberForNetwork } from "./subscriber-view";
export { subscriberIdsBehind } from "./topology";
