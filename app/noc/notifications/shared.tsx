"use client";
// Labels, filter options and small hooks shared by the notification pages.
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui";

export const CHANNEL_LABEL: Record<string, string> = { EMAIL: "Email", SMS: "SMS", PUSH: "Push", INBOX: "Inbox" };
export const CHANNELS = ["EMAIL", "SMS", "PUSH", "INBOX"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORY_LABEL: Record<string, string> = {
  TRANSACTIONAL: "Account and service",
  BILLING: "Billing",
  OUTAGES: "Outages",
  MAINTENANCE: "Maintenance",
  SUPPORT: "Support",
  MARKETING: "Marketing",
};

export const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }));
export const DELIVERY_STATUS_OPTIONS = ["QUEUED", "SENT", "DELIVERED", "BOUNCED", "FAILED", "SUPPRESSED"].map((s) => ({
  value: s,
  label: s.charAt(0) + s.slice(1).toLowerCase(),
}));
export const BULK_STATUS_OPTIONS = ["SCHEDULED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"].map((s) => ({
  value: s,
  label: s.charAt(0) + s.slice(1).toLowerCase(),
}));

export function ChannelBadges({ channels }: { channels: string[] }) {
  return (
    <span className="row" style={{ gap: 4 }}>
      {channels.map((c) => (
        <Badge key={c}>{CHANNEL_LABEL[c] ?? c}</Badge>
      ))}
    </span>
  );
}

/** The value, once it stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
