"use client";
import { Badge, type Tone } from "@/components/ui";

const STATE_TONE: Record<string, Tone> = {
  ACTIVE: "success",
  DISCOVERED: "info",
  PREPROVISIONED: "info",
  ACTIVATING: "info",
  DISABLED: "neutral",
  LOS: "danger",
  FAILED: "danger",
};

export const ONU_STATES = ["DISCOVERED", "PREPROVISIONED", "ACTIVATING", "ACTIVE", "DISABLED", "LOS", "FAILED"];

export function OnuStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={STATE_TONE[state] ?? "neutral"}>{state === "LOS" ? "Loss of signal" : state.toLowerCase()}</Badge>
  );
}

const OPTICS: Record<string, { tone: Tone; label: string }> = {
  ok: { tone: "success", label: "OK" },
  warning: { tone: "warning", label: "Marginal" },
  critical: { tone: "danger", label: "Out of range" },
  los: { tone: "danger", label: "No light" },
  unread: { tone: "neutral", label: "Not read yet" },
};

export function OpticsBadge({ verdict }: { verdict: string }) {
  const v = OPTICS[verdict] ?? OPTICS.unread;
  return <Badge tone={v.tone}>{v.label}</Badge>;
}
