// The network module's face: OLTs, PON ports, ONUs and CPEs (through the OLT and ACS
// adapters), the provisioning steps a subscriber's service needs, topology, and the VOLTHA REST
// routes' handlers.
export { activateOnu, bandwidthProfiles, getOnu, listOnus, readOnuOptics, setOnuBandwidth } from "./onus";
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
export {
  CPE_WAN_USERNAME,
  CPE_WIFI_SSID,
  type CpeLink,
  type NetworkState,
  networkState,
  profileRates,
} from "./scan";
export { bandwidthInput, firmwareInput, listOnusInput, registerOltInput, volthaEventBody } from "./schemas";
export { DEMO_OLT, seedNetwork } from "./seed";
export { getOlt, listOlts, recordEvents, registerOlt, upgradeFirmware } from "./service";
export { restoreSimulator } from "./sim-restore";
export { type SubscriberNetworkView, subscriberForNetwork } from "./subscriber-view";
export { subscriberIdsBehind } from "./topology";
