// The partners module's face: partners (a tree), their branding, commission plans, the
// commission ledger with statements and payouts, and the partner portal's use cases.
export { commissionStatement, recomputeCommissions } from "./commissions";
export { partnersJobs } from "./jobs";
export { brandingFor, type PartnerBranding, partnerScope } from "./partners";
export { partnerRoutes } from "./rest";
export { partnersRouter } from "./router";
export { DEMO_AGENT_PARTNER, DEMO_RESELLER, seedPartners } from "./seed";
export { statementPdf } from "./statement-pdf";
