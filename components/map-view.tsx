"use client";
// A map of our own GeoJSON layers (points, lines, polygons) with colours and labels, fitted to
// what it shows, with the same features listed under it as text for people who cannot use the
// canvas. maplibre-gl (about 1 MB) is loaded only when a map is on screen: the canvas part is
// a dynamic import without server rendering, the list renders everywhere.
//
//   <MapView label="Coverage areas" layers={[{ id: "areas", name: "Coverage areas", color: "#0f62fe",
//     features: areas.map((a) => ({ id: a.id, label: a.name, geometry: { type: "Polygon", coordinates: [a.ring] } })) }]}
//     onFeatureClick={(f) => open(f.id)} onMapClick={([lng, lat]) => addVertex(lng, lat)} />
import dynamic from "next/dynamic";
import { Component, type ReactNode } from "react";
import styles from "./map-view.module.css";
import { Spinner } from "./ui";

/** [longitude, latitude], as GeoJSON orders them. */
export type LngLat = [number, number];

export type MapGeometry =
  | { type: "Point"; coordinates: LngLat }
  | { type: "LineString"; coordinates: LngLat[] }
  | { type: "Polygon"; coordinates: LngLat[][] };

export type MapFeature = {
  id: string;
  /** Drawn beside the feature and used in the text list. */
  label: string;
  geometry: MapGeometry;
  /** Overrides the layer's colour (CSS hex). */
  color?: string;
  /** More words for the text list (status, counts). */
  detail?: string;
};

export type MapLayer = {
  id: string;
  /** Heading of the layer in the text list and the legend. */
  name: string;
  /** CSS hex colour of the layer's features. */
  color: string;
  features: MapFeature[];
  /** Draw labels on the map (default true); the text list always names every feature. */
  labels?: boolean;
  /** Left out when fitting the map to its features (default true), e.g. a drawing in progress. */
  fit?: boolean;
};

export type MapViewProps = {
  /** What the map shows, read to screen readers as the canvas's name. */
  label: string;
  layers: MapLayer[];
  /** A feature was clicked on the map or chosen in the list. */
  onFeatureClick?: (feature: MapFeature, layer: MapLayer) => void;
  /** The map was clicked where there is no clickable feature. */
  onMapClick?: (at: LngLat) => void;
  /** The feature drawn highlighted. */
  selectedId?: string | null;
  /** Shown (without fitting) when there is nothing to fit to: [lng, lat] and zoom. */
  initialView?: { center: LngLat; zoom: number };
  /** Canvas height in CSS pixels (default 420). */
  height?: number;
  /** Hide the text list only where the page lists the same features next to the map itself. */
  hideList?: boolean;
  /** Layer ids whose features are not clickable (e.g. a drawing in progress). */
  passiveLayers?: string[];
  children?: ReactNode;
};

const MapCanvas = dynamic(() => import("./map-canvas"), {
  ssr: false,
  loading: () => (
    <div className={styles.loading}>
      <Spinner label="Loading map" />
    </div>
  ),
});

/** The canvas's code could not load (e.g. offline before it was ever cached): the list still serves. */
class CanvasBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? (
      <p className={styles.failed} role="status">
        The map is unavailable (it could not load); everything on it is listed below.
      </p>
    ) : (
      this.props.children
    );
  }
}

export function MapView(props: MapViewProps) {
  const { layers, hideList, onFeatureClick, selectedId, height = 420 } = props;
  const count = layers.reduce((n, l) => n + l.features.length, 0);
  return (
    <div className={styles.wrap}>
      <div className={styles.canvas} style={{ height }}>
        <CanvasBoundary>
          <MapCanvas {...props} height={height} />
        </CanvasBoundary>
      </div>
      {layers.length > 1 ? (
        <ul className={styles.legend} aria-label={`${props.label}: legend`}>
          {layers.map((layer) => (
            <li key={layer.id}>
              <span className={styles.swatch} style={{ background: layer.color }} aria-hidden="true" />
              {layer.name}
            </li>
          ))}
        </ul>
      ) : null}
      {props.children}
      {hideList ? null : (
        <details className={styles.list} open={count <= 12}>
          <summary>
            {props.label}: {count} {count === 1 ? "feature" : "features"} as a list
          </summary>
          {layers.map((layer) =>
            layer.features.length === 0 ? null : (
              <section key={layer.id} aria-label={layer.name}>
                <h3>{layer.name}</h3>
                <ul>
                  {layer.features.map((feature) => {
                    const text = (
                      <>
                        <span
                          className={styles.swatch}
                          style={{ background: feature.color ?? layer.color }}
                          aria-hidden="true"
                        />
                        {feature.label}
                        {feature.detail ? <span className={styles.detail}> — {feature.detail}</span> : null}
                      </>
                    );
                    const clickable = onFeatureClick && !props.passiveLayers?.includes(layer.id);
                    return (
                      <li key={feature.id} aria-current={feature.id === selectedId ? "true" : undefined}>
                        {clickable ? (
                          <button type="button" className={styles.item} onClick={() => onFeatureClick(feature, layer)}>
                            {text}
                          </button>
                        ) : (
                          text
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ),
          )}
        </details>
      )}
    </div>
  );
}
