// The serviceability module's face: coverage areas, whether a home can be connected (and to
// which splitter), and the splitter legs promised to homes.
export {
  checkServiceability,
  listSplittersOnMap,
  type ReasonCode,
  releaseDrop,
  reserveDrop,
  type ServiceabilityResult,
} from "./check-serviceability";
export { coverageAreaAt, deleteCoverageArea, listCoverageAreas, saveCoverageArea } from "./coverage-areas";
export { serviceabilityRoutes } from "./rest";
export { serviceabilityRouter } from "./router";
export {
  type CheckInput,
  type CoverageAreaInput,
  checkInput,
  coverageAreaInput,
  SERVICEABILITY,
  type Serviceability,
} from "./schemas";
export { seedServiceability } from "./seed";
