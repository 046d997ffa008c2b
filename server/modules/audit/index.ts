// The audit module's face. Every module records what it changes with recordAudit(); the
// settings page searches the trail.
export { auditRouter } from "./router";
export { type AuditSearchInput, auditSearchInput } from "./schemas";
export { searchAudit } from "./search";
export { type AuditEntry, auditTrail, recordAudit } from "./service";
