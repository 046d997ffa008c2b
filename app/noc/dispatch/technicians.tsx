"use client";
// The technicians: who is on the board (staff who may work orders, added here), their skills
// and zones — what the slot search matches a job against (its type's skills, the coverage area
// it lies in; no zone ticked: everywhere) — and the base their route starts from.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Checkbox, Field, Input, Select } from "@/components/ui";
import { TECHNICIAN_SKILL_LABELS, TECHNICIAN_SKILLS, type TechnicianSkill } from "@/server/modules/workorders/schemas";

type Base = { label: string; latitude: number; longitude: number };
type Technician = { id: string; name: string; email: string; skills: string[]; zoneIds: string[]; base: Base | null };

const skillText = (skills: string[]) =>
  skills.map((s) => TECHNICIAN_SKILL_LABELS[s as TechnicianSkill] ?? s).join(", ") || "None";

export function Technicians({ technicians }: { technicians: Technician[] }) {
  const trpc = useTRPC();
  const zones = useQuery(trpc.workorders.zones.queryOptions());
  const [editing, setEditing] = useState<Technician | null>(null);
  const zoneText = (ids: string[]) =>
    ids.length ? ids.map((id) => zones.data?.find((z) => z.id === id)?.name ?? "—").join(", ") : "Every zone";
  const candidates = useQuery(trpc.workorders.technicianCandidates.queryOptions());
  const [adding, setAdding] = useState("");
  const columns = defineColumns<Technician>((c) => [
    c.accessor("name", { header: "Technician", enableSorting: true }),
    c.accessor("skills", { header: "Skills", cell: (i) => skillText(i.getValue()) }),
    c.accessor("zoneIds", { header: "Zones", cell: (i) => zoneText(i.getValue()) }),
    c.accessor("base", { header: "Base", meta: { hideOnMobile: true }, cell: (i) => i.getValue()?.label ?? "None" }),
  ]);
  const list = useLocalList(technicians, (t) => `${t.name} ${t.email} ${skillText(t.skills)} ${zoneText(t.zoneIds)}`);
  const newcomer = candidates.data?.find((u) => u.id === adding);
  return (
    <div className="stack">
      <form
        className="row"
        style={{ alignItems: "flex-end", flexWrap: "wrap" }}
        onSubmit={(e) => {
          e.preventDefault();
          if (newcomer) setEditing({ ...newcomer, skills: [], zoneIds: [], base: null });
        }}
      >
        <Field label="Add a technician" hint="Staff who may work orders and are not on the board yet.">
          <Select
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
            placeholder={candidates.data?.length ? "Choose a person" : "No one else may work orders"}
            options={(candidates.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          />
        </Field>
        <Button type="submit" disabled={!newcomer}>
          Add technician
        </Button>
      </form>
      <DataTable
        caption="Technicians: skills, zones and base"
        columns={columns}
        rows={list.rows}
        total={list.total}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search technician, skill or zone…"
        onRowClick={setEditing}
        empty="No technicians yet: add one of the staff who may work orders."
      />
      {editing ? (
        <ProfileForm
          key={editing.id}
          technician={editing}
          isNew={!technicians.some((t) => t.id === editing.id)}
          zones={zones.data ?? []}
          onDone={() => {
            setEditing(null);
            setAdding("");
          }}
        />
      ) : null}
    </div>
  );
}

function ProfileForm({
  technician,
  isNew,
  zones,
  onDone,
}: {
  technician: Technician;
  isNew: boolean;
  zones: { id: string; name: string }[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [skills, setSkills] = useState(new Set(technician.skills));
  const [zoneIds, setZoneIds] = useState(new Set(technician.zoneIds));
  const [baseLabel, setBaseLabel] = useState(technician.base?.label ?? "");
  const [latitude, setLatitude] = useState(technician.base ? String(technician.base.latitude) : "");
  const [longitude, setLongitude] = useState(technician.base ? String(technician.base.longitude) : "");
  const [errors, setErrors] = useState<{ label?: string; latitude?: string; longitude?: string }>({});
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.workorders.pathKey() });
  const save = useMutation(
    trpc.workorders.saveTechnician.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(isNew ? `${technician.name} is on the board` : `${technician.name}'s profile saved`);
        onDone();
      },
    }),
  );
  const remove = useMutation(
    trpc.workorders.removeTechnician.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(`${technician.name} is off the board`);
        onDone();
      },
    }),
  );
  const toggle = (set: Set<string>, value: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };
  /** The base as typed: none (all three empty), or complete and in range. */
  const readBase = () => {
    if (!baseLabel.trim() && !latitude.trim() && !longitude.trim()) return { base: null, errors: {} };
    const lat = Number(latitude);
    const lng = Number(longitude);
    const found = {
      label: baseLabel.trim() ? undefined : "Name the base (e.g. the depot)",
      latitude: latitude.trim() && Math.abs(lat) <= 90 ? undefined : "Enter a latitude from -90 to 90",
      longitude: longitude.trim() && Math.abs(lng) <= 180 ? undefined : "Enter a longitude from -180 to 180",
    };
    const ok = !found.label && !found.latitude && !found.longitude;
    return { base: ok ? { label: baseLabel.trim(), latitude: lat, longitude: lng } : undefined, errors: found };
  };
  return (
    <Card title={`${technician.name}: ${isNew ? "add as a technician" : "skills, zones and base"}`}>
      <form
        className="stack-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const read = readBase();
          setErrors(read.errors);
          if (read.base === undefined) return;
          save.mutate({
            userId: technician.id,
            skills: [...skills] as TechnicianSkill[],
            zoneIds: [...zoneIds],
            base: read.base,
          });
        }}
      >
        <fieldset className="stack-sm">
          <legend>Skills</legend>
          {TECHNICIAN_SKILLS.map((s) => (
            <Checkbox
              key={s}
              label={TECHNICIAN_SKILL_LABELS[s]}
              checked={skills.has(s)}
              onChange={(e) => setSkills((prev) => toggle(prev, s, e.target.checked))}
            />
          ))}
        </fieldset>
        <fieldset className="stack-sm">
          <legend>Zones (none ticked: every zone)</legend>
          {zones.map((z) => (
            <Checkbox
              key={z.id}
              label={z.name}
              checked={zoneIds.has(z.id)}
              onChange={(e) => setZoneIds((prev) => toggle(prev, z.id, e.target.checked))}
            />
          ))}
        </fieldset>
        <fieldset className="stack-sm">
          <legend>Base: where the van starts the day (optional; the route starts there)</legend>
          <Field label="Base name" error={errors.label}>
            <Input value={baseLabel} onChange={(e) => setBaseLabel(e.target.value)} />
          </Field>
          <Field label="Base latitude" error={errors.latitude}>
            <Input inputMode="decimal" value={latitude} onChange={(e) => setLatitude(e.target.value)} />
          </Field>
          <Field label="Base longitude" error={errors.longitude}>
            <Input inputMode="decimal" value={longitude} onChange={(e) => setLongitude(e.target.value)} />
          </Field>
        </fieldset>
        {save.error ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
        {remove.error ? <Alert tone="danger">{errorMessage(remove.error)}</Alert> : null}
        <div className="row" style={{ flexWrap: "wrap" }}>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {isNew ? "Add to the board" : "Save"}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
          {isNew ? null : (
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: `Take ${technician.name} off the board?`,
                    body: "They are no longer offered for jobs. Their skills, zones and base are forgotten.",
                    confirmLabel: "Take off the board",
                    danger: true,
                  })
                )
                  remove.mutate({ userId: technician.id });
              }}
            >
              Take off the board
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
