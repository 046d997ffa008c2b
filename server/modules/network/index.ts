// The network module's face: OLTs, PON ports, ONUs and CPEs (through the OLT and ACS
// adapters), the provisioning steps a subscriber's service needs, topology, and the VOLTHA REST
// routes' handlers.

export { getCpe, readCpeDiagnostic, startCpeDiagnostic } from "./cpes";
export { type FedEvent, networkEventsReceivedAfter } from "./event-feed";
export { networkJobs, testRealIntegrations } from "./jobs";
export { onuStatusPerOlt } from "./onu-status";
export {
  activateOnu,
  bandwidthProfiles,
  getOnu,
  listOnus,
  OPTICAL_THRESHOLDS,
  readOnuOptics,
  setOnuBandwidth,
} from "./onus";
export {
  activateSubscriberOnu,
  applySubscriberBandwidth,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  findSubscriberCpe,
  resetSubscriberCpe,
  subscriberNetwork,
} from "./provisioning";
export { eventFromVoltha, networkRoutes } from "./rest";
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
export { DEMO_OLT, plugDemoOnus, seedNetwork } from "./seed";
export {
  getOlt,
  listNetworkEvents,
  listOlts,
  NETWORK_EVENTS_RECORDED,
  pollOltEvents,
  recordEvents,
  registerOlt,
  upgradeFirmware,
} from "./service";
export {
  createSplitter,
  oltPonPorts,
  type SplitterCapacity,
  type SplitterInput,
  splitterCapacities,
} from "./splitters";
export type { SubscriberNetworkView } from "./subscriber-view";
export {
  describeElements,
  type OnuPlacement,
  onusInServiceUnder,
  type PlantElement,
  placeOnus,
  subscriberIdsBehind,
  subscriberIdsUnder,
} from "./topology";
