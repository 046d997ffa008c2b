// The partners module's face: partners (a tree) with their white label and custom domains,
// commission plans and the commission ledger, the partner portal (tRPC, REST, statement PDF).
export { type HostSite, siteForHost } from "./domains";
export { partnersJobs } from "./jobs";
export { brandingFor, type PartnerBranding, resellerWhiteLabels } from "./partners";
export { partnerRoutes } from "./rest";
export { partnersRouter } from "./router";
export { partnerQuotePdf } from "./sales";
export { seedPartners } from "./seed";
export { statementPdf } from "./statement-pdf";
