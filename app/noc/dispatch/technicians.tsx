"use client";
// The technicians' skills and zones: what the slot search matches a job against (its type's
// skills, the coverage area it lies in). No zone ticked: the technician works everywhere.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Checkbox } from "@/components/ui";
import { TECHNICIAN_SKILL_LABELS, TECHNICIAN_SKILLS, type TechnicianSkill } from "@/server/modules/workorders/schemas";

type Technician = { id: string; name: string; email: string; skills: string[]; zoneIds: string[] };

const skillText = (skills: string[]) =>
  skills.map((s) => TECHNICIAN_SKILL_LABELS[s as TechnicianSkill] ?? s).join(", ") || "None";

export function Technicians({ technicians }: { technicians: Technician[] }) {
  const trpc = useTRPC();
  const zones = useQuery(trpc.workorders.zones.queryOptions());
  const [editing, setEditing] = useState<Technician | null>(null);
  const zoneText = (ids: string[]) =>
    ids.length ? ids.map((id) => zones.data?.find((z) => z.id === id)?.name ?? "—").join(", ") : "Every zone";
  const columns = defineColumns<Technician>((c) => [
    c.accessor("name", { header: "Technician", enableSorting: true }),
    c.accessor("skills", { header: "Skills", cell: (i) => skillText(i.getValue()) }),
    c.accessor("zoneIds", { header: "Zones", cell: (i) => zoneText(i.getValue()) }),
  ]);
  const list = useLocalList(technicians, (t) => `${t.name} ${t.email} ${skillText(t.skills)} ${zoneText(t.zoneIds)}`);
  return (
    <div className="stack">
      <DataTable
        caption="Technicians' skills and zones"
        columns={columns}
        rows={list.rows}
        total={list.total}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search technician, skill or zone…"
        onRowClick={setEditing}
        empty="No one may work orders yet: give a user the field technician role."
      />
      {editing ? (
        <ProfileForm key={editing.id} technician={editing} zones={zones.data ?? []} onDone={() => setEditing(null)} />
      ) : null}
    </div>
  );
}

function ProfileForm({
  technician,
  zones,
  onDone,
}: {
  technician: Technician;
  zones: { id: string; name: string }[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [skills, setSkills] = useState(new Set(technician.skills));
  const [zoneIds, setZoneIds] = useState(new Set(technician.zoneIds));
  const save = useMutation(
    trpc.workorders.saveTechnician.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.workorders.technicians.queryKey() });
        toast.success(`${technician.name}'s skills and zones saved`);
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
  return (
    <Card title={`${technician.name}: skills and zones`}>
      <form
        className="stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            userId: technician.id,
            skills: [...skills] as TechnicianSkill[],
            zoneIds: [...zoneIds],
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
        {save.error ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
        <div className="row">
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
