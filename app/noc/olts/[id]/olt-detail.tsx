"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  DescriptionList,
  Field,
  Input,
  PageHeader,
  Spinner,
  Stat,
  StatusBadge,
} from "@/components/ui";
import { OnuStateBadge, OpticsBadge } from "../../onus/format";
import { pct } from "../olts-page";

type OnuRow = {
  id: string;
  serialNumber: string;
  onuId: number | null;
  vendor: string | null;
  state: string;
  rxPowerDbm: number | null;
  optics: string;
  subscriberId: string | null;
  downstreamKbps: number | null;
  ponPort: { label: string } | null;
};

const onuColumns = defineColumns<OnuRow>((c) => [
  c.accessor("serialNumber", {
    header: "Serial",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor((r) => r.ponPort?.label ?? "", { id: "port", header: "PON port" }),
  c.accessor("onuId", { header: "ONU id", enableSorting: true, meta: { align: "right" } }),
  c.accessor("vendor", { header: "Vendor", meta: { hideOnMobile: true } }),
  c.accessor("state", { header: "State", enableSorting: true, cell: (i) => <OnuStateBadge state={i.getValue()} /> }),
  c.accessor("rxPowerDbm", {
    header: "Rx",
    meta: { align: "right" },
    cell: (i) => (i.getValue() === null ? "—" : `${i.getValue()} dBm`),
  }),
  c.accessor("optics", { header: "Optics", cell: (i) => <OpticsBadge verdict={i.getValue()} /> }),
  c.accessor((r) => (r.downstreamKbps ? `${Math.round(r.downstreamKbps / 1000)} Mbit/s` : ""), {
    id: "bw",
    header: "Profile",
    meta: { hideOnMobile: true },
  }),
]);

export function OltDetail() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const router = useRouter();
  const olt = useQuery(trpc.network.olts.get.queryOptions({ id }));
  const [portId, setPortId] = useState<string | undefined>(undefined);
  const list = useListQuery({ sort: { id: "serialNumber", desc: false } }, { prefix: "onu" });
  const onus = useQuery(
    trpc.network.onus.list.queryOptions(
      { ...list.query, oltId: id, ponPortId: portId },
      { placeholderData: keepPreviousData },
    ),
  );
  const refresh = () => {
    qc.invalidateQueries({ queryKey: trpc.network.olts.get.queryKey({ id }) });
    qc.invalidateQueries({ queryKey: trpc.network.onus.list.queryKey() });
  };
  const sync = useMutation(
    trpc.network.olts.sync.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.discovered.length
            ? `Synced: ${r.discovered.length} new ONUs discovered`
            : `Synced ${r.onus} ONUs on ${r.ports} ports`,
        );
        refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const action = useMutation(
    trpc.network.olts.action.mutationOptions({
      onSuccess: () => {
        toast.success("Done");
        refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const remove = useMutation(
    trpc.network.olts.delete.mutationOptions({
      onSuccess: () => {
        toast.success("OLT removed");
        router.push("/noc/olts");
      },
      onError: (e) => toast.error(e),
    }),
  );
  const [version, setVersion] = useState("");
  const firmware = useMutation(
    trpc.network.olts.firmware.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Firmware ${r.version} download requested`);
        setVersion("");
        refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );

  if (olt.isLoading) return <Spinner label="Loading OLT" />;
  if (olt.error || !olt.data) return <Alert tone="danger">{olt.error?.message ?? "OLT not found"}</Alert>;
  const o = olt.data;
  const totalOnus = o.ports.reduce((n, p) => n + p.onus, 0);
  const activeOnus = o.ports.reduce((n, p) => n + p.activeOnus, 0);
  const losOnus = o.ports.reduce((n, p) => n + p.losOnus, 0);

  const act = async (a: "enable" | "disable" | "reboot") => {
    const ok = await confirm({
      title: `${a[0].toUpperCase()}${a.slice(1)} ${o.name}?`,
      body:
        a === "enable"
          ? "The OLT is enabled in VOLTHA."
          : `Every subscriber behind this OLT (${activeOnus} active ONUs) loses service${a === "reboot" ? " while it restarts" : ""}.`,
      confirmLabel: a,
      danger: a !== "enable",
    });
    if (ok) action.mutate({ id, action: a });
  };
  const submitFirmware = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await confirm({
        title: `Upgrade ${o.name} to ${version}?`,
        body: "The OLT downloads the image to its standby partition.",
        confirmLabel: "Upgrade",
      })
    )
      firmware.mutate({ id, version });
  };

  return (
    <div className="stack">
      <PageHeader
        title={o.name}
        breadcrumbs={[{ label: "OLTs", href: "/noc/olts" }, { label: o.name }]}
        description={`${[o.vendor, o.model].filter(Boolean).join(" ")} · ${o.managementAddress ?? ""}`}
        actions={
          <>
            <Button onClick={() => sync.mutate({ id })} loading={sync.isPending}>
              Sync from VOLTHA
            </Button>
            <Button onClick={() => act(o.adminState === "DISABLED" ? "enable" : "disable")}>
              {o.adminState === "DISABLED" ? "Enable" : "Disable"}
            </Button>
            <Button onClick={() => act("reboot")} variant="danger">
              Reboot
            </Button>
          </>
        }
      />
      <div className="grid-4">
        <Stat
          label="Status"
          value={<StatusBadge status={o.operStatus} />}
          hint={`admin ${o.adminState.toLowerCase()}`}
        />
        <Stat label="PON ports" value={o.ports.length} />
        <Stat label="ONUs active / total" value={`${activeOnus} / ${totalOnus}`} />
        <Stat label="ONUs in LOS" value={losOnus} tone={losOnus ? "danger" : undefined} />
      </div>
      <div className="grid-2">
        <Card title="Device">
          <DescriptionList
            items={[
              { label: "Serial", value: <span className="mono">{o.serialNumber}</span> },
              { label: "Firmware", value: o.firmwareVersion },
              { label: "VOLTHA device id", value: <span className="mono small">{o.externalId}</span> },
              { label: "Site", value: o.site?.name },
              { label: "Connection", value: <StatusBadge status={o.connectStatus} /> },
              {
                label: "Last sync",
                value: o.lastSyncedAt ? <DateTime value={o.lastSyncedAt} mode="relative" /> : null,
              },
            ]}
          />
        </Card>
        <Card title="Firmware">
          <form onSubmit={submitFirmware} className="stack">
            <Field label="Image version" hint="Downloaded to the standby partition (VOLTHA DownloadImage)">
              <Input value={version} onChange={(e) => setVersion(e.target.value)} placeholder="BAL.3.11.0" />
            </Field>
            <div className="row">
              <Button type="submit" disabled={!version} loading={firmware.isPending}>
                Upgrade firmware
              </Button>
              <Button
                variant="ghost"
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Remove ${o.name}?`,
                      body: "It is deleted from VOLTHA and the inventory.",
                      danger: true,
                      typeToConfirm: o.name,
                    })
                  )
                    remove.mutate({ id });
                }}
              >
                Remove OLT
              </Button>
            </div>
          </form>
        </Card>
      </div>
      <Card title="PON ports" padded={false}>
        <table className="table">
          <thead>
            <tr>
              <th>Port</th>
              <th>Technology</th>
              <th>Status</th>
              <th className="num">ONUs</th>
              <th className="num">Active</th>
              <th className="num">Split</th>
              <th className="num">Utilisation</th>
              <th className="num">Committed down</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {o.ports.map((p) => (
              <tr key={p.id} data-testid={`port-${p.label}`}>
                <td>
                  <strong>{p.label}</strong> <span className="muted small mono">#{p.portNo}</span>
                </td>
                <td>{p.technology === "XGS_PON" ? "XGS-PON" : "GPON"}</td>
                <td>
                  <StatusBadge status={p.operStatus} />
                </td>
                <td className="num">{p.onus}</td>
                <td className="num">{p.activeOnus}</td>
                <td className="num">1:{p.splitRatio}</td>
                <td className="num">
                  <Badge tone={p.utilisation > 0.9 ? "danger" : p.utilisation > 0.7 ? "warning" : "success"}>
                    {pct(p.utilisation)}
                  </Badge>
                </td>
                <td className="num">
                  {Math.round(p.committedDownKbps / 1000)} / {p.capacityDownMbps} Mbit/s
                </td>
                <td>
                  <Button size="sm" variant="ghost" onClick={() => setPortId(portId === p.id ? undefined : p.id)}>
                    {portId === p.id ? "All ports" : "Show ONUs"}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={portId ? `ONUs on ${o.ports.find((p) => p.id === portId)?.label}` : "ONUs"} padded={false}>
        <DataTable
          caption="ONUs"
          columns={onuColumns}
          rows={onus.data?.rows as OnuRow[] | undefined}
          total={onus.data?.total}
          loading={onus.isFetching}
          error={onus.error}
          query={list.query}
          onQueryChange={list.onQueryChange}
          searchPlaceholder="Serial or vendor…"
          rowHref={(r) => `/noc/onus/${r.id}`}
          empty={
            <div className="stack-sm">
              <p className="muted">No ONUs discovered on {portId ? "this port" : "this OLT"} yet.</p>
              <div>
                <Button size="sm" onClick={() => sync.mutate({ id })} loading={sync.isPending}>
                  Sync from VOLTHA
                </Button>
              </div>
            </div>
          }
        />
      </Card>
    </div>
  );
}
