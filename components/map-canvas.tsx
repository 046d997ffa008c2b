"use client";
// The maplibre-gl half of MapView (components/map-view.tsx), loaded only in the browser.
// One GeoJSON source holds every layer's features; four style layers draw them by geometry
// (polygon fill and outline, line, circle) and one draws their labels. Labels are rasterised
// from the browser's own fonts (the style has no glyphs URL), so nothing is fetched offline.
import "maplibre-gl/dist/maplibre-gl.css";
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibre,
  type MapMouseEvent,
  NavigationControl,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import { useEffect, useMemo, useRef, useState } from "react";
import { MAP_TILE_ATTRIBUTION, MAP_TILE_URL } from "@/lib/map-tiles";
import type { LngLat, MapLayer, MapViewProps } from "./map-view";
import styles from "./map-view.module.css";

// Copied into public/ by scripts/copy-map-worker.mjs (postinstall).
setWorkerUrl("/maplibre-gl-worker.mjs");

const SOURCE = "features";
const CLICKABLE = ["fill", "line", "point"];

function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCE]: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
      ...(MAP_TILE_URL
        ? { tiles: { type: "raster", tiles: [MAP_TILE_URL], tileSize: 256, attribution: MAP_TILE_ATTRIBUTION } }
        : {}),
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eef1f4" } },
      ...(MAP_TILE_URL ? [{ id: "tiles", type: "raster" as const, source: "tiles" }] : []),
      {
        id: "fill",
        type: "fill",
        source: SOURCE,
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "fill-color": ["get", "color"], "fill-opacity": ["case", ["get", "selected"], 0.4, 0.22] },
      },
      {
        id: "outline",
        type: "line",
        source: SOURCE,
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "line-color": ["get", "color"], "line-width": ["case", ["get", "selected"], 4, 2] },
      },
      {
        id: "line",
        type: "line",
        source: SOURCE,
        filter: ["==", ["geometry-type"], "LineString"],
        layout: { "line-cap": "round", "line-join": "round" },
        paint: { "line-color": ["get", "color"], "line-width": ["case", ["get", "selected"], 6, 3] },
      },
      {
        id: "point",
        type: "circle",
        source: SOURCE,
        filter: ["==", ["geometry-type"], "Point"],
        paint: {
          "circle-color": ["get", "color"],
          "circle-radius": ["case", ["get", "selected"], 9, 6],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      },
      {
        id: "label",
        type: "symbol",
        source: SOURCE,
        filter: ["get", "labelled"],
        layout: {
          "text-field": ["get", "label"],
          "text-font": ["sans-serif"],
          "text-size": 12,
          "text-offset": [0, 1.2],
          "text-anchor": "top",
          "text-optional": true,
        },
        paint: { "text-color": "#1b2330", "text-halo-color": "#ffffff", "text-halo-width": 1.5 },
      },
    ],
  };
}

function toCollection(layers: MapLayer[], selectedId: string | null | undefined, passive: string[]) {
  return {
    type: "FeatureCollection" as const,
    features: layers.flatMap((layer) =>
      layer.features.map((f) => ({
        type: "Feature" as const,
        geometry: f.geometry,
        properties: {
          key: `${layer.id}\u0000${f.id}`,
          label: f.label,
          color: f.color ?? layer.color,
          selected: f.id === selectedId,
          labelled: layer.labels !== false,
          passive: passive.includes(layer.id),
        },
      })),
    ),
  };
}

function boundsOf(layers: MapLayer[]): LngLatBounds | null {
  const bounds = new LngLatBounds();
  let any = false;
  const add = (p: LngLat) => {
    bounds.extend(p);
    any = true;
  };
  for (const layer of layers)
    for (const { geometry } of layer.fit === false ? [] : layer.features) {
      if (geometry.type === "Point") add(geometry.coordinates);
      else if (geometry.type === "LineString") geometry.coordinates.forEach(add);
      else for (const ring of geometry.coordinates) ring.forEach(add);
    }
  return any ? bounds : null;
}

export default function MapCanvas(props: MapViewProps) {
  const { label, layers, selectedId, initialView, height } = props;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  // The latest props for the map's event handlers, which are registered once.
  const latest = useRef(props);
  latest.current = props;
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  const passive = props.passiveLayers ?? [];
  const passiveKey = passive.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: passiveKey stands for passive
  const data = useMemo(() => toCollection(layers, selectedId, passive), [layers, selectedId, passiveKey]);
  // Fit again only when the set of features changes, not when one is selected or redrawn.
  const fitKey = layers
    .filter((l) => l.fit !== false)
    .map((l) => `${l.id}:${l.features.map((f) => f.id).join(",")}`)
    .join(";");

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; label and view are its initial options
  useEffect(() => {
    if (!container.current) return;
    let map: MapLibre;
    try {
      map = new MapLibre({
        container: container.current,
        style: baseStyle(),
        center: initialView?.center ?? [0, 20],
        zoom: initialView?.zoom ?? 1,
        attributionControl: MAP_TILE_URL ? { compact: true } : false,
        locale: { "Map.Title": label },
        dragRotate: false,
      });
    } catch {
      setState("failed"); // no WebGL: the text list under the map still shows everything
      return;
    }
    map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    map.touchZoomRotate.disableRotation();
    const keyAt = (event: MapMouseEvent) => {
      const hits = map.queryRenderedFeatures(event.point, { layers: CLICKABLE });
      const hit = hits.find((h) => !h.properties.passive);
      return hit ? String(hit.properties.key) : null;
    };
    map.on("click", (event) => {
      const { layers: current, onFeatureClick, onMapClick } = latest.current;
      const key = onFeatureClick ? keyAt(event) : null;
      if (key && onFeatureClick) {
        const [layerId, featureId] = key.split("\u0000");
        const layer = current.find((l) => l.id === layerId);
        const feature = layer?.features.find((f) => f.id === featureId);
        if (layer && feature) return onFeatureClick(feature, layer);
      }
      onMapClick?.([event.lngLat.lng, event.lngLat.lat]);
    });
    map.on("mousemove", (event) => {
      const clickable = latest.current.onFeatureClick && keyAt(event);
      map.getCanvas().style.cursor = clickable ? "pointer" : latest.current.onMapClick ? "crosshair" : "";
    });
    map.on("load", () => {
      mapRef.current = map;
      setState("ready");
    });
    return () => {
      mapRef.current = null;
      map.remove();
    };
  }, []);

  useEffect(() => {
    if (state !== "ready") return;
    mapRef.current?.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }, [data, state]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fitKey stands for the features' identity
  useEffect(() => {
    const map = mapRef.current;
    if (state !== "ready" || !map) return;
    const bounds = boundsOf(latest.current.layers);
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 16, duration: 0 });
  }, [fitKey, state]);

  return (
    <>
      <div ref={container} className={styles.map} style={{ height }} data-map-state={state} />
      {state === "failed" ? (
        <p className={styles.failed} role="status">
          This browser cannot draw the map (WebGL is off); everything on it is listed below.
        </p>
      ) : null}
    </>
  );
}
