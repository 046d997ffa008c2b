// The crm module's face: leads through the sales pipeline, their activities and follow-ups,
// the public availability check and sign-up, and the sales dashboard.
export { createLead } from "./create-lead";
export { salesDashboard } from "./dashboard";
export { importLeadsCsv, parseCsv } from "./import-leads";
export { type LeadInput, leadInput } from "./inputs";
export { crmJobs } from "./jobs";
export { advanceLead, getLead, listLeads, moveLead } from "./pipeline";
export { publicAvailability, publicSignUp } from "./public-sign-up";
export { leadRoutes } from "./rest";
export { crmRouter } from "./router";
export {
  LEAD_SOURCE_LABELS,
  LEAD_SOURCES,
  LEAD_STAGE_LABELS,
  LEAD_STAGES,
  type LeadStage,
  LOST_REASONS,
} from "./schemas";
export { seedCrm } from "./seed";
export { scheduleSurvey } from "./survey";
