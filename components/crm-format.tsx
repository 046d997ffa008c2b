"use client";
// Badges the sales pages share: a lead's stage, an address's serviceability, a quote's status.
import { Badge, type Tone } from "@/components/ui";
import { LEAD_STAGE_LABELS, type LeadStage } from "@/server/modules/crm/schemas";

const STAGE_TONE: Record<LeadStage, Tone> = {
  NEW: "info",
  CONTACTED: "neutral",
  QUALIFIED: "neutral",
  SURVEYED: "neutral",
  QUOTED: "warning",
  WON: "success",
  LOST: "danger",
};

export function StageBadge({ stage }: { stage: LeadStage }) {
  return <Badge tone={STAGE_TONE[stage]}>{LEAD_STAGE_LABELS[stage]}</Badge>;
}

const SERVICEABILITY: Record<string, [Tone, string]> = {
  SERVICEABLE: ["success", "Serviceable"],
  SERVICEABLE_WITH_BUILD: ["warning", "Needs a build"],
  NOT_SERVICEABLE: ["danger", "Not serviceable"],
};

export function ServiceabilityBadge({ value }: { value: string | null }) {
  if (!value) return <span className="muted">Not checked</span>;
  const [tone, label] = SERVICEABILITY[value] ?? ["neutral", value];
  return <Badge tone={tone}>{label}</Badge>;
}

const QUOTE_TONE: Record<string, Tone> = {
  DRAFT: "neutral",
  PENDING_APPROVAL: "warning",
  SENT: "info",
  ACCEPTED: "success",
  SUPERSEDED: "neutral",
  CANCELLED: "danger",
};

export function QuoteStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={QUOTE_TONE[status] ?? "neutral"}>
      {status === "PENDING_APPROVAL" ? "Needs approval" : status[0] + status.slice(1).toLowerCase()}
    </Badge>
  );
}
