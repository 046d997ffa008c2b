"use client";
// The outage and planned-maintenance banner of the portal: shown only to customers whose
// service is behind an open incident or a maintenance window.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Alert, DateTime } from "@/components/ui";

export function ServiceBanner() {
  const trpc = useTRPC();
  const banner = useQuery({ ...trpc.incidents.portal.banner.queryOptions(), refetchInterval: 60_000 });
  if (!banner.data) return null;
  const { outages, maintenance } = banner.data;
  return (
    <>
      {outages.map((o) => (
        <Alert key={o.id} tone="danger" title="Service outage in your area">
          <span data-testid="outage-banner">
            Since <DateTime value={o.since} mode="relative" /> your connection may be down. Our team is on it (reference{" "}
            {o.reference}); we will tell you as soon as it is back. There is no need to report it.
          </span>
        </Alert>
      ))}
      {maintenance.map((m) => (
        <Alert
          key={m.id}
          tone="warning"
          title={m.status === "IN_PROGRESS" ? "Maintenance under way" : "Planned maintenance"}
        >
          <span data-testid="maintenance-banner">
            {m.title}: from <DateTime value={m.startsAt} /> to <DateTime value={m.endsAt} /> your connection may be
            interrupted.
          </span>
        </Alert>
      ))}
    </>
  );
}
