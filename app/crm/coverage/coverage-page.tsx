"use client";
// The tenant's coverage areas on a map: where homes can be connected (live) or soon (planned).
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { type LngLat, type MapLayer, MapView } from "@/components/map-view";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Card, DescriptionList, humanize, Money, PageHeader, StatusBadge } from "@/components/ui";

const COLOR = { LIVE: "#198038", PLANNED: "#8a5a00" } as const;

export function CoveragePage() {
  const trpc = useTRPC();
  const areas = useQuery(trpc.serviceability.areas.queryOptions());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = areas.data?.find((a) => a.id === selectedId) ?? null;

  const layers = useMemo<MapLayer[]>(
    () =>
      (["LIVE", "PLANNED"] as const).map((status) => ({
        id: status,
        name: `${humanize(status)} areas`,
        color: COLOR[status],
        features: (areas.data ?? [])
          .filter((a) => a.status === status)
          .map((a) => ({
            id: a.id,
            label: a.name,
            detail: `${a.homesPassed.toLocaleString()} homes passed`,
            geometry: { type: "Polygon" as const, coordinates: [a.polygon as LngLat[]] },
          })),
      })),
    [areas.data],
  );

  return (
    <>
      <PageHeader title="Coverage map" description="Where homes can be connected now (live) and soon (planned)." />
      {areas.error ? (
        <Alert tone="danger" title="Coverage areas could not be loaded">
          {errorMessage(areas.error)}
        </Alert>
      ) : null}
      <MapView
        label="Coverage areas"
        layers={layers}
        selectedId={selectedId}
        onFeatureClick={(feature) => setSelectedId(feature.id)}
      />
      {selected ? (
        <Card title={selected.name}>
          <DescriptionList
            items={[
              { label: "Status", value: <StatusBadge status={selected.status} /> },
              { label: "Homes passed", value: selected.homesPassed.toLocaleString() },
              { label: "Longest drop without a build", value: `${selected.maxDropM} m` },
              {
                label: "Build cost beyond it",
                value:
                  selected.buildCostMinor === null ? "No build offered" : <Money amount={selected.buildCostMinor} />,
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
