"use client";
// The tenant's coverage areas on a map: where homes can be connected (live) or soon (planned),
// the splitters with their free legs and PON ports, and — for those who may edit the network —
// drawing an area by clicking its corners (or typing/pasting them), editing and deleting one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { formatOutline, parseOutline } from "@/components/map-outline";
import { type LngLat, type MapFeature, type MapLayer, MapView } from "@/components/map-view";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DescriptionList,
  Field,
  FormActions,
  humanize,
  Input,
  Money,
  PageHeader,
  Select,
  StatusBadge,
  Textarea,
  useFormat,
} from "@/components/ui";
import { currencyDigits, parseMajor } from "@/lib/money";

const COLOR = { LIVE: "#198038", PLANNED: "#8a5a00" } as const;
const SPLITTER_FREE = "#0043ce";
const SPLITTER_FULL = "#da1e28";
const DRAFT = "#6929c4";

type Draft = {
  id?: string;
  name: string;
  status: "LIVE" | "PLANNED";
  corners: string;
  homesPassed: string;
  maxDropM: string;
  buildCost: string;
};

const EMPTY_DRAFT: Draft = {
  name: "",
  status: "LIVE",
  corners: "",
  homesPassed: "0",
  maxDropM: "250",
  buildCost: "",
};

/** The corners typed so far that parse, for drawing the draft while it is incomplete. */
function draftCorners(text: string): LngLat[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .trim()
        .split(/[\s,;]+/)
        .map(Number),
    )
    .filter((n): n is LngLat => n.length === 2 && n.every(Number.isFinite));
}

export function CoveragePage({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const { currency } = useFormat();
  const areas = useQuery(trpc.serviceability.areas.queryOptions());
  const splitters = useQuery(trpc.serviceability.splitters.queryOptions());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selected = areas.data?.find((a) => a.id === selectedId) ?? null;

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.serviceability.areas.queryKey() });
  const save = useMutation(
    trpc.serviceability.saveArea.mutationOptions({
      onSuccess: async (area) => {
        toast.success(`Coverage area ${area.name} saved`);
        setDraft(null);
        setSelectedId(area.id);
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.serviceability.deleteArea.mutationOptions({
      onSuccess: async () => {
        toast.success("Coverage area deleted");
        setSelectedId(null);
        await refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );

  const layers = useMemo<MapLayer[]>(() => {
    const areaLayers = (["LIVE", "PLANNED"] as const).map((status) => ({
      id: status,
      name: `${humanize(status)} areas`,
      color: COLOR[status],
      features: (areas.data ?? [])
        .filter((a) => a.status === status && a.id !== draft?.id)
        .map((a) => ({
          id: a.id,
          label: a.name,
          detail: `${a.homesPassed.toLocaleString()} homes passed`,
          geometry: { type: "Polygon" as const, coordinates: [a.polygon as LngLat[]] },
        })),
    }));
    const splitterLayer: MapLayer = {
      id: "splitters",
      name: "Splitters",
      color: SPLITTER_FREE,
      labels: false,
      features: (splitters.data ?? []).map((s) => ({
        id: s.id,
        label: s.name,
        color: s.freeLegs > 0 ? SPLITTER_FREE : SPLITTER_FULL,
        detail: `${s.freeLegs} of ${s.ratio} legs free, ${s.oltName} PON ${s.ponPortLabel}`,
        geometry: { type: "Point" as const, coordinates: [s.longitude, s.latitude] },
      })),
    };
    const corners = draft ? draftCorners(draft.corners) : [];
    const draftFeatures: MapFeature[] = corners.map((c, i) => ({
      id: `corner-${i}`,
      label: `Corner ${i + 1}`,
      geometry: { type: "Point", coordinates: c },
    }));
    if (corners.length >= 3)
      draftFeatures.unshift({
        id: "outline",
        label: draft?.name || "New area",
        geometry: { type: "Polygon", coordinates: [[...corners, corners[0]]] },
      });
    else if (corners.length === 2)
      draftFeatures.unshift({
        id: "outline",
        label: "First side",
        geometry: { type: "LineString", coordinates: corners },
      });
    return [
      ...areaLayers,
      splitterLayer,
      ...(draft
        ? [{ id: "draft", name: "Area being drawn", color: DRAFT, labels: false, fit: false, features: draftFeatures }]
        : []),
    ];
  }, [areas.data, splitters.data, draft]);

  const startDrawing = (area?: NonNullable<typeof selected>) => {
    setError(null);
    setDraft(
      area
        ? {
            id: area.id,
            name: area.name,
            status: area.status,
            corners: formatOutline(area.polygon as LngLat[]),
            homesPassed: String(area.homesPassed),
            maxDropM: String(area.maxDropM),
            buildCost:
              area.buildCostMinor == null
                ? ""
                : (area.buildCostMinor / 10 ** currencyDigits(currency)).toFixed(currencyDigits(currency)),
          }
        : EMPTY_DRAFT,
    );
  };

  const addCorner = ([lng, lat]: LngLat) =>
    setDraft((d) =>
      d
        ? { ...d, corners: `${d.corners.trimEnd()}${d.corners.trim() ? "\n" : ""}${lng.toFixed(6)}, ${lat.toFixed(6)}` }
        : d,
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const outline = parseOutline(draft.corners);
    if ("error" in outline) return setError(outline.error);
    const homes = Number(draft.homesPassed);
    const drop = Number(draft.maxDropM);
    if (!draft.name.trim()) return setError("Name the area");
    if (!Number.isInteger(homes) || homes < 0) return setError("Homes passed is a whole number from 0");
    if (!Number.isInteger(drop) || drop < 10 || drop > 5000)
      return setError("The longest drop is a whole number of metres from 10 to 5000");
    let buildCostMinor: number | null = null;
    if (draft.buildCost.trim()) {
      try {
        buildCostMinor = parseMajor(draft.buildCost, currency);
      } catch (e) {
        return setError(`Build cost: ${(e as Error).message}`);
      }
      if (buildCostMinor < 0) return setError("The build cost cannot be negative");
    }
    setError(null);
    save.mutate({
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name.trim(),
      status: draft.status,
      polygon: outline.ring,
      homesPassed: homes,
      maxDropM: drop,
      buildCostMinor,
    });
  };

  const deleteSelected = async () => {
    if (!selected) return;
    const ok = await confirm({
      title: `Delete coverage area ${selected.name}?`,
      body: "Homes in it are no longer offered service. Splitter legs already promised stay promised.",
      confirmLabel: "Delete area",
      danger: true,
    });
    if (ok) remove.mutate({ id: selected.id });
  };

  return (
    <>
      <PageHeader
        title="Coverage map"
        description="Where homes can be connected now (live) and soon (planned), and the splitters that serve them."
        actions={
          canEdit && !draft ? (
            <Button variant="primary" onClick={() => startDrawing()}>
              Draw an area
            </Button>
          ) : null
        }
      />
      {areas.error ? (
        <Alert tone="danger" title="Coverage areas could not be loaded">
          {errorMessage(areas.error)}
        </Alert>
      ) : null}
      <MapView
        label="Coverage areas"
        layers={layers}
        selectedId={selectedId}
        passiveLayers={draft ? ["LIVE", "PLANNED", "splitters", "draft"] : ["draft"]}
        onFeatureClick={(feature, layer) => {
          if (layer.id === "LIVE" || layer.id === "PLANNED") setSelectedId(feature.id);
        }}
        onMapClick={draft ? addCorner : undefined}
      />
      {draft ? (
        <Card title={draft.id ? `Edit ${draft.name}` : "New coverage area"}>
          <form onSubmit={submit} noValidate>
            <p className="muted">
              Click the map at each corner of the area, or type the corners below (one per line, longitude first) or
              paste a GeoJSON polygon.
            </p>
            {error ? (
              <Alert tone="danger" title="The area was not saved">
                {error}
              </Alert>
            ) : null}
            <Field label="Name">
              <Input
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                maxLength={120}
              />
            </Field>
            <Field label="Status">
              <Select
                value={draft.status}
                onChange={(e) => setDraft({ ...draft, status: e.target.value as Draft["status"] })}
                options={[
                  { value: "LIVE", label: "Live: homes can be connected" },
                  { value: "PLANNED", label: "Planned: not built yet" },
                ]}
              />
            </Field>
            <Field label="Corners (longitude, latitude — one per line) or GeoJSON">
              <Textarea
                rows={6}
                className="mono"
                value={draft.corners}
                onChange={(e) => setDraft({ ...draft, corners: e.target.value })}
              />
            </Field>
            <div className="row">
              <Button
                variant="secondary"
                disabled={!draft.corners.trim()}
                onClick={() =>
                  setDraft({ ...draft, corners: draft.corners.trim().split(/\r?\n/).slice(0, -1).join("\n") })
                }
              >
                Undo last corner
              </Button>
              <Button
                variant="ghost"
                disabled={!draft.corners.trim()}
                onClick={() => setDraft({ ...draft, corners: "" })}
              >
                Clear corners
              </Button>
            </div>
            <Field label="Homes passed">
              <Input
                inputMode="numeric"
                value={draft.homesPassed}
                onChange={(e) => setDraft({ ...draft, homesPassed: e.target.value })}
              />
            </Field>
            <Field label="Longest drop without a build (m)">
              <Input
                inputMode="numeric"
                value={draft.maxDropM}
                onChange={(e) => setDraft({ ...draft, maxDropM: e.target.value })}
              />
            </Field>
            <Field label={`Build cost beyond it (${currency}; empty: no build offered)`}>
              <Input
                inputMode="decimal"
                value={draft.buildCost}
                onChange={(e) => setDraft({ ...draft, buildCost: e.target.value })}
              />
            </Field>
            <FormActions>
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save area
              </Button>
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </FormActions>
          </form>
        </Card>
      ) : selected ? (
        <Card
          title={selected.name}
          actions={
            canEdit ? (
              <>
                <Button variant="secondary" onClick={() => startDrawing(selected)}>
                  Edit
                </Button>
                <Button variant="danger" onClick={deleteSelected} loading={remove.isPending}>
                  Delete
                </Button>
              </>
            ) : null
          }
        >
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
