// The drift module's face: scans comparing every subscriber's intent with what RADIUS, IPAM,
// the BNG's sessions, VOLTHA, the ACS, billing and NetBox hold; typed findings with evidence
// from both sides; repairs that run the owning saga.
export { detect, type PlanTerms } from "./detect";
export { driftOverview, getFinding, listFindings } from "./findings";
export { DRIFT_SCAN_EVENT, driftJobs, requestScan } from "./jobs";
export { previewRepair, type RepairPlan, repairFinding, repairPlanFor } from "./repair";
export { driftRoutes } from "./rest";
export { driftRouter } from "./router";
export { createScan, runScan, type ScanTrigger, scanNow } from "./scan";
export { findingListInput } from "./schemas";
export { DRIFT_SYSTEMS, DRIFT_TYPE_IDS, DRIFT_TYPES, type DriftType, type Finding } from "./types";
