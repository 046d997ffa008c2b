// The catalog module's face: service plans, and how a plan's rate is rendered as RADIUS reply
// attributes per NAS vendor.
export {
  isNasVendor,
  NAS_VENDOR_LABELS,
  NAS_VENDORS,
  type NasVendor,
  type RateProfile,
  type ReplyAttribute,
  radiusAttributeName,
  renderRateAttributes,
} from "./radius-profile";
export { catalogRouter } from "./router";
export { type PlanInput, planInput } from "./schemas";
export { createPlan, getPlan, listPlans, planTerms, updatePlan } from "./service";
