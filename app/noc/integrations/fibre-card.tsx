"use client";
// Cut or repair the fibre behind a PON port of the simulated network (only while the OLT
// integration runs on the built-in simulator): every ONU there raises loss of signal, which the
// NOC sees as one incident, and clears it on repair.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, Card, Field, FormActions, Select } from "@/components/ui";

export function FibreCard() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const status = useQuery(trpc.network.simulator.status.queryOptions());
  const olts = useQuery({
    ...trpc.network.olts.list.queryOptions({ page: 1, pageSize: 100 }),
    enabled: Boolean(status.data?.available),
  });
  const [oltId, setOltId] = useState("");
  const [portNo, setPortNo] = useState("");
  const chosenOlt = oltId || olts.data?.rows[0]?.id || "";
  const olt = useQuery({ ...trpc.network.olts.get.queryOptions({ id: chosenOlt }), enabled: Boolean(chosenOlt) });
  const fibre = useMutation(
    trpc.network.simulator.fibre.mutationOptions({
      onSuccess: (r, v) =>
        toast.success(
          v.cut
            ? `Fibre behind ${r.olt} ${r.port} cut: ${r.onus} ONUs lose signal`
            : `Fibre behind ${r.olt} ${r.port} repaired: ${r.onus} ONUs come back`,
        ),
      onError: toast.error,
    }),
  );
  if (!status.data?.available || !olts.data?.rows.length) return null;
  const ports = olt.data?.ports ?? [];
  const chosenPort = portNo || String(ports[0]?.portNo ?? "");
  const act = async (e: FormEvent, cut: boolean) => {
    e.preventDefault();
    const label = ports.find((p) => String(p.portNo) === chosenPort)?.label ?? chosenPort;
    if (
      cut &&
      !(await confirm({
        title: `Cut the fibre behind ${label}?`,
        body: "Every subscriber on that port loses service in the simulated network and gets an outage notice.",
        confirmLabel: "Cut fibre",
        danger: true,
      }))
    )
      return;
    fibre.mutate({ oltId: chosenOlt, portNo: Number(chosenPort), cut });
  };
  return (
    <Card title="Simulated network: fibre cut" aria-label="Simulated network: fibre cut">
      <form className="stack-sm" onSubmit={(e) => act(e, true)}>
        <p className="muted small">
          Cut the fibre behind a PON port to watch its alarms become one <Link href="/noc/incidents">incident</Link>,
          then repair it to see the incident resolve.
        </p>
        <div className="form-grid">
          <Field label="OLT">
            <Select
              value={chosenOlt}
              onChange={(e) => {
                setOltId(e.target.value);
                setPortNo("");
              }}
              options={olts.data.rows.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Field>
          <Field label="PON port">
            <Select
              value={chosenPort}
              onChange={(e) => setPortNo(e.target.value)}
              options={ports.map((p) => ({ value: String(p.portNo), label: p.label }))}
            />
          </Field>
        </div>
        <FormActions>
          <Button type="submit" variant="danger" loading={fibre.isPending && fibre.variables?.cut}>
            Cut fibre
          </Button>
          <Button type="button" loading={fibre.isPending && !fibre.variables?.cut} onClick={(e) => act(e, false)}>
            Repair fibre
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}
