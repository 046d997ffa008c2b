"use client";
// Fault injection into the tenant's simulated network (only while the OLT integration runs on
// the built-in simulator): arm an error, timeout or NAK on one operation to see a workflow
// retry and roll back, then clear it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Badge, Button, Card, EmptyState, Field, FormActions, Input, Select } from "@/components/ui";

const HOW_OFTEN = [
  { value: "", label: "Until cleared" },
  { value: "1", label: "Next call only" },
  { value: "3", label: "Next 3 calls" },
  { value: "10", label: "Next 10 calls" },
];

export function SimulatorCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const status = useQuery({ ...trpc.network.simulator.status.queryOptions(), refetchInterval: 3000 });
  const [operation, setOperation] = useState("olt.enableOnu");
  const [kind, setKind] = useState("error");
  const [times, setTimes] = useState("");
  const [message, setMessage] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.network.simulator.status.queryKey() });
  const inject = useMutation(
    trpc.network.simulator.injectFault.mutationOptions({
      onSuccess: () => {
        toast.success("Fault armed on the simulated network");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const clear = useMutation(
    trpc.network.simulator.clearFaults.mutationOptions({
      onSuccess: () => {
        toast.success("Faults cleared: the simulated network answers normally");
        refresh();
      },
      onError: toast.error,
    }),
  );
  if (!status.data?.available) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    inject.mutate({
      operation: operation as "olt.enableOnu",
      kind: kind as "error",
      times: times ? Number(times) : undefined,
      message: message || undefined,
    });
  };
  const faults = status.data.faults;
  return (
    <Card
      title="Simulated network: fault injection"
      aria-label="Simulated network: fault injection"
      actions={
        faults.length ? (
          <Button size="sm" loading={clear.isPending} onClick={() => clear.mutate()}>
            Clear faults
          </Button>
        ) : null
      }
    >
      <div className="stack">
        <p className="muted small">
          The OLT integration runs on the built-in simulator. Arm a fault to see how workflows retry and roll back;
          nothing here reaches a real network.
        </p>
        {faults.length ? (
          <ul className="list-plain stack-sm" data-testid="simulator-faults">
            {faults.map((f) => (
              <li key={f.operation}>
                <Badge tone="danger">{f.kind}</Badge> {f.label} <span className="mono small">({f.operation})</span> ·{" "}
                {f.remaining === null ? "until cleared" : `${f.remaining} more call(s)`}
                {f.message ? <span className="muted"> — {f.message}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No faults armed" description="The simulated network answers every call." />
        )}
        <form className="stack-sm" onSubmit={submit}>
          <div className="form-grid">
            <Field label="Operation">
              <Select
                value={operation}
                onChange={(e) => setOperation(e.target.value)}
                options={Object.entries(status.data.operations).map(([value, label]) => ({ value, label }))}
              />
            </Field>
            <Field label="Fault">
              <Select
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                options={[
                  { value: "error", label: "Error" },
                  { value: "timeout", label: "Timeout" },
                  { value: "nak", label: "NAK (refused)" },
                ]}
              />
            </Field>
            <Field label="How often">
              <Select value={times} onChange={(e) => setTimes(e.target.value)} options={HOW_OFTEN} />
            </Field>
            <Field label="Message" hint="Optional: what the failure says">
              <Input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={200} />
            </Field>
          </div>
          <FormActions>
            <Button type="submit" variant="danger" loading={inject.isPending}>
              Inject fault
            </Button>
          </FormActions>
        </form>
        <DegradeOnuForm />
      </div>
    </Card>
  );
}

/** A dirty connector or a bent drop on one ONU: its light (and its CPE's speed) drops. */
function DegradeOnuForm() {
  const trpc = useTRPC();
  const toast = useToast();
  const [serialNumber, setSerialNumber] = useState("");
  const [dbm, setDbm] = useState("8");
  const degrade = useMutation(
    trpc.network.simulator.degradeOnu.mutationOptions({
      onSuccess: (r) => toast.success(`ONU ${r.serialNumber} lost ${r.dbm} dB of light`),
      onError: toast.error,
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    degrade.mutate({ serialNumber, dbm: Number(dbm) });
  };
  return (
    <form className="stack-sm" onSubmit={submit} aria-label="Degrade an ONU's light">
      <div className="form-grid">
        <Field label="ONU serial" required>
          <Input value={serialNumber} onChange={(e) => setSerialNumber(e.target.value)} maxLength={64} required />
        </Field>
        <Field label="Light lost (dB)" hint="A dirty connector loses 1–3 dB; below −27 dBm the line degrades">
          <Input type="number" min={0.5} max={20} step={0.5} value={dbm} onChange={(e) => setDbm(e.target.value)} />
        </Field>
      </div>
      <FormActions>
        <Button type="submit" variant="danger" loading={degrade.isPending}>
          Degrade light
        </Button>
      </FormActions>
    </form>
  );
}
