"use client";
// Technicians' routes on the shared map (./map-view.tsx). A route is the visiting order of the
// day's jobs: the order of their appointments (arrival windows), drawn as straight lines from
// where the van starts (the technician's base) through each job in turn. It is not road
// routing: no routing engine runs here (nor offline). Every route has its own colour, and
// every job's label carries its place in the route (and, with several routes, whose route it
// is), so colour is never the only cue; the text list under the map reads the same.
// Jobs without coordinates cannot be drawn: they are listed under the map as "no location".
import type { ReactNode } from "react";
import { type LngLat, type MapFeature, type MapLayer, MapView } from "./map-view";

export type RouteStop = {
  /** The work order's id: what a click on the job reports. */
  id: string;
  /** What the job is called on the map ("WO-12 · Oranienstraße 183"); its number in the route goes first. */
  label: string;
  /** [longitude, latitude]; null: the job has no location. */
  at: LngLat | null;
  /** More words for the text list (window, status). */
  detail?: string;
};

export type Route = {
  id: string;
  /** Whose route ("Anna Weber"). */
  name: string;
  /** Where the route starts (the van's base); null: at the first job. */
  start: { label: string; at: LngLat } | null;
  /** The jobs in visiting order: the caller passes them in appointment order. */
  stops: RouteStop[];
};

/** Route colours, each at least 3:1 against the map's background and white. */
const COLORS = ["#0f62fe", "#da1e28", "#198038", "#8a3ffc", "#005d5d", "#9f1853", "#6f4e00", "#0043ce"];
const routeColor = (index: number) => COLORS[index % COLORS.length] as string;

const ROUTES_LAYER = "routes";

/** The map's layers: each route's jobs (clickable, numbered), and one layer of the route lines and starts. */
function routeLayers(routes: Route[], several: boolean): MapLayer[] {
  const lines: MapFeature[] = [];
  const jobLayers: MapLayer[] = [];
  routes.forEach((route, index) => {
    const color = routeColor(index);
    const who = several ? ` (${route.name})` : "";
    const numbered = route.stops.map((s, i) => ({ ...s, n: i + 1 }));
    const located = numbered.filter((s): s is typeof s & { at: LngLat } => s.at !== null);
    if (route.start)
      lines.push({
        id: `start:${route.id}`,
        label: `Start${who}: ${route.start.label}`,
        geometry: { type: "Point", coordinates: route.start.at },
        color,
      });
    const path = [...(route.start ? [route.start.at] : []), ...located.map((s) => s.at)];
    if (path.length > 1)
      lines.push({
        id: `route:${route.id}`,
        label: `Route${who}: ${[route.start?.label ?? null, ...located.map((s) => `${s.n}. ${s.label}`)]
          .filter(Boolean)
          .join(" → ")}`,
        detail: "straight lines in appointment order, not road directions",
        geometry: { type: "LineString", coordinates: path },
        color,
      });
    jobLayers.push({
      id: `jobs:${route.id}`,
      name: several ? `${route.name}'s jobs` : "Jobs",
      color,
      features: located.map((s) => ({
        id: s.id,
        label: `${s.n}. ${s.label}${who}`,
        detail: s.detail,
        geometry: { type: "Point", coordinates: s.at },
      })),
    });
  });
  return [
    { id: ROUTES_LAYER, name: "Routes and starting points", color: "#525252", labels: false, features: lines },
    ...jobLayers,
  ];
}

export function RouteMap({
  label,
  routes,
  selectedId,
  onJobClick,
  height,
  children,
}: {
  label: string;
  routes: Route[];
  selectedId?: string | null;
  /** A job was clicked on the map or chosen in the text list. */
  onJobClick?: (workOrderId: string) => void;
  height?: number;
  children?: ReactNode;
}) {
  const several = routes.length > 1;
  const unlocated = routes.flatMap((r) =>
    r.stops.flatMap((s, i) => (s.at ? [] : [{ ...s, n: i + 1, who: several ? ` (${r.name})` : "" }])),
  );
  return (
    <MapView
      label={label}
      layers={routeLayers(routes, several)}
      passiveLayers={[ROUTES_LAYER]}
      selectedId={selectedId}
      onFeatureClick={onJobClick ? (feature) => onJobClick(feature.id) : undefined}
      height={height}
    >
      {children}
      {unlocated.length ? (
        <section aria-label="Jobs with no location" className="small">
          <h3 className="small">No location (not on the map)</h3>
          <ul data-testid="no-location">
            {unlocated.map((s) => (
              <li key={s.id}>
                {s.n}. {s.label}
                {s.who}: no location
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </MapView>
  );
}
