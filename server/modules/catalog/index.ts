// The catalog module's face: service plans. (How a plan's rate becomes RADIUS reply attributes
// per NAS vendor is the radius module's.)
export { catalogRouter } from "./router";
export { type PlanInput, planInput } from "./schemas";
export {
  createPlan,
  findPlan,
  findPlanByCode,
  getPlan,
  listPlans,
  plansByIds,
  planTerms,
  portalSwitchablePlans,
  providePlanSubscriberCounts,
  ratedPlansOf,
  updatePlan,
} from "./service";
