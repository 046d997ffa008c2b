// The diagnostics module's face: one-click line checks and CPE tests (TR-143) with a suggested
// cause, attached to tickets.

export { diagnosticsRoutes } from "./rest";
export { diagnosticsRouter } from "./router";
export { findings as diagnosticFindings } from "./rules";
export { getDiagnostic, listDiagnostics, runDiagnostics } from "./run-diagnostics";
export { DIAGNOSTIC_KINDS } from "./schemas";
