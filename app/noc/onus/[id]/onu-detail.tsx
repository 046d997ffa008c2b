"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  DescriptionList,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
  Stat,
  StatusBadge,
} from "@/components/ui";
import { OnuStateBadge, OpticsBadge } from "../format";

type Optics = {
  rxDbm: number | null;
  txDbm: number;
  temperatureC: number;
  biasCurrentMa: number;
  readAt: Date;
  verdict: string;
};

export function OnuDetail() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const onu = useQuery(trpc.network.onus.get.queryOptions({ id }));
  const [optics, setOptics] = useState<Optics | null>(null);
  const [down, setDown] = useState("");
  const [up, setUp] = useState("");
  // An ONU's state and profile also show on its OLT (counts, committed bandwidth) and in lists.
  const refresh = () => {
    qc.invalidateQueries({ queryKey: trpc.network.onus.get.queryKey({ id }) });
    qc.invalidateQueries({ queryKey: trpc.network.onus.list.queryKey() });
    qc.invalidateQueries({ queryKey: trpc.network.olts.get.queryKey() });
    qc.invalidateQueries({ queryKey: trpc.network.olts.list.queryKey() });
  };
  const done = (message: string) => ({
    onSuccess: () => {
      toast.success(message);
      refresh();
    },
    onError: (e: unknown) => toast.error(e),
  });
  const activate = useMutation(trpc.network.onus.activate.mutationOptions(done("ONU activated")));
  const disable = useMutation(trpc.network.onus.disable.mutationOptions(done("ONU disabled")));
  const reboot = useMutation(trpc.network.onus.reboot.mutationOptions(done("Reboot requested")));
  const bandwidth = useMutation(trpc.network.onus.bandwidth.mutationOptions(done("Bandwidth profile applied")));
  const read = useMutation(
    trpc.network.onus.optics.mutationOptions({
      onSuccess: (r) => {
        setOptics(r as Optics);
        refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );

  if (onu.isLoading) return <Spinner label="Loading ONU" />;
  if (onu.error || !onu.data) return <Alert tone="danger">{onu.error?.message ?? "ONU not found"}</Alert>;
  const o = onu.data;
  const th = o.thresholds;
  const mbps = (kbps: string) => Math.round(Number(kbps) * 1000);

  const doActivate = async (e: FormEvent) => {
    e.preventDefault();
    const rates = down && up ? { downstreamKbps: mbps(down), upstreamKbps: mbps(up) } : {};
    const ok = await confirm({
      title: `Activate ${o.serialNumber}?`,
      body:
        down && up
          ? `It is enabled on ${o.ponPort?.label} with ${down}/${up} Mbit/s.`
          : `It is enabled on ${o.ponPort?.label}.`,
      confirmLabel: "Activate",
    });
    if (ok) activate.mutate({ id: o.id, ...rates, idempotencyKey: crypto.randomUUID() });
  };
  const doBandwidth = async () => {
    if (
      await confirm({
        title: "Apply bandwidth profile?",
        body: `${down}/${up} Mbit/s on ${o.serialNumber}.`,
        confirmLabel: "Apply",
      })
    )
      bandwidth.mutate({ id: o.id, downstreamKbps: mbps(down), upstreamKbps: mbps(up) });
  };
  const rx = optics ? optics.rxDbm : o.rxPowerDbm;
  const verdict = optics ? optics.verdict : o.optics;

  return (
    <div className="stack">
      <PageHeader
        title={<span className="mono">{o.serialNumber}</span>}
        breadcrumbs={[
          { label: "OLTs", href: "/noc/olts" },
          { label: o.olt.name, href: `/noc/olts/${o.oltId}` },
          { label: o.serialNumber },
        ]}
        description={`${o.vendor ?? ""} ${o.model ?? ""} on ${o.olt.name} / ${o.ponPort?.label ?? "?"} (ONU id ${o.onuId ?? "?"})`}
        actions={
          <>
            <Button onClick={() => read.mutate({ id: o.id })} loading={read.isPending}>
              Read optical levels
            </Button>
            <Button
              onClick={async () => {
                if (
                  await confirm({
                    title: `Reboot ${o.serialNumber}?`,
                    body: "The subscriber loses service for about a minute.",
                    danger: true,
                    confirmLabel: "Reboot",
                  })
                )
                  reboot.mutate({ id: o.id });
              }}
            >
              Reboot
            </Button>
            {o.adminState === "ENABLED" ? (
              <Button
                variant="danger"
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Disable ${o.serialNumber}?`,
                      body: "The ONU stops passing traffic; the subscriber loses service.",
                      danger: true,
                      confirmLabel: "Disable",
                    })
                  )
                    disable.mutate({ id: o.id });
                }}
              >
                Disable
              </Button>
            ) : null}
          </>
        }
      />
      <div className="grid-4">
        <Stat
          label="State"
          value={<OnuStateBadge state={o.state} />}
          hint={`admin ${o.adminState.toLowerCase()} · oper ${o.operStatus.toLowerCase()}`}
        />
        <Stat
          label="Rx power"
          value={<span data-testid="rx-power">{rx === null || rx === undefined ? "—" : `${rx} dBm`}</span>}
          hint={`window ${th.rx.min} … ${th.rx.max} dBm, warn below ${th.rx.warnBelow}`}
        />
        <Stat
          label="Tx power"
          value={optics ? `${optics.txDbm} dBm` : o.txPowerDbm === null ? "—" : `${o.txPowerDbm} dBm`}
          hint={`window ${th.tx.min} … ${th.tx.max} dBm`}
        />
        <Stat
          label="Optics"
          value={<OpticsBadge verdict={verdict} />}
          hint={
            optics ? (
              <DateTime value={optics.readAt} mode="time" />
            ) : o.opticsAt ? (
              <DateTime value={o.opticsAt} mode="relative" />
            ) : (
              "not read yet"
            )
          }
        />
      </div>
      {optics ? (
        <Alert
          tone={optics.verdict === "ok" ? "success" : optics.verdict === "warning" ? "warning" : "danger"}
          title="Optical levels"
        >
          Rx {optics.rxDbm ?? "no light"} dBm · Tx {optics.txDbm} dBm · {optics.temperatureC} °C · bias{" "}
          {optics.biasCurrentMa} mA
        </Alert>
      ) : null}
      <div className="grid-2">
        <Card title="Device">
          <DescriptionList
            items={[
              { label: "OLT", value: <Link href={`/noc/olts/${o.oltId}`}>{o.olt.name}</Link> },
              { label: "PON port", value: o.ponPort?.label },
              { label: "Firmware", value: o.firmwareVersion },
              { label: "Connection", value: <StatusBadge status={o.connectStatus} /> },
              { label: "VOLTHA device id", value: <span className="mono small">{o.externalId}</span> },
              {
                label: "Subscriber",
                value: o.subscriberId ? <Link href={`/noc/subscribers/${o.subscriberId}`}>Open subscriber</Link> : null,
              },
              { label: "Discovered", value: <DateTime value={o.discoveredAt} /> },
              { label: "Activated", value: o.activatedAt ? <DateTime value={o.activatedAt} /> : null },
              {
                label: "CPE",
                value: o.cpes[0] ? <Link href={`/noc/cpes/${o.cpes[0].id}`}>{o.cpes[0].acsDeviceId}</Link> : null,
              },
            ]}
          />
        </Card>
        <Card title="Activation and bandwidth profile">
          <form onSubmit={doActivate} className="stack">
            <p className="muted small">
              Current profile:{" "}
              {o.downstreamKbps
                ? `${Math.round(o.downstreamKbps / 1000)} / ${Math.round((o.upstreamKbps ?? 0) / 1000)} Mbit/s`
                : "none"}
            </p>
            <div className="form-grid">
              <Field label="Downstream (Mbit/s)">
                <Input name="down" type="number" min={1} value={down} onChange={(e) => setDown(e.target.value)} />
              </Field>
              <Field label="Upstream (Mbit/s)">
                <Input name="up" type="number" min={1} value={up} onChange={(e) => setUp(e.target.value)} />
              </Field>
            </div>
            <FormActions>
              {o.adminState === "ENABLED" ? (
                <Button onClick={doBandwidth} disabled={!down || !up} loading={bandwidth.isPending}>
                  Apply profile
                </Button>
              ) : (
                <Button type="submit" variant="primary" loading={activate.isPending}>
                  Activate ONU
                </Button>
              )}
            </FormActions>
          </form>
        </Card>
      </div>
      <Card title="Events" padded={false}>
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Event</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {o.events.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  No events.
                </td>
              </tr>
            ) : (
              o.events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <DateTime value={e.raisedAt} />
                  </td>
                  <td>{e.kind}</td>
                  <td>{e.state}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
