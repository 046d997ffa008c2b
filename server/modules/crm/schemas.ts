// The pipeline's vocabulary (stages, sources, lost reasons): safe for the browser.

export const LEAD_STAGES = ["NEW", "CONTACTED", "QUALIFIED", "SURVEYED", "QUOTED", "WON", "LOST"] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const LEAD_STAGE_LABELS: Record<LeadStage, string> = {
  NEW: "New",
  CONTACTED: "Contacted",
  QUALIFIED: "Qualified",
  SURVEYED: "Surveyed",
  QUOTED: "Quoted",
  WON: "Won",
  LOST: "Lost",
};
export const LEAD_SOURCES = ["WEB_FORM", "PARTNER", "PHONE", "CSV_IMPORT"] as const;
export const LEAD_SOURCE_LABELS: Record<(typeof LEAD_SOURCES)[number], string> = {
  WEB_FORM: "Web form",
  PARTNER: "Partner",
  PHONE: "Phone",
  CSV_IMPORT: "CSV import",
};
export const ACTIVITY_KINDS = ["CALL", "EMAIL", "NOTE"] as const;
export const LOST_REASONS = [
  "Not serviceable",
  "Price",
  "Chose a competitor",
  "No longer interested",
  "Unreachable",
  "Duplicate",
  "Other",
] as const;
