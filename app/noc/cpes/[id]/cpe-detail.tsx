"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
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
  Select,
  Spinner,
} from "@/components/ui";

type Kind = "ping" | "download" | "upload" | "traceroute";

export function CpeDetail() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const cpe = useQuery(trpc.network.cpes.get.queryOptions({ id }));
  const files = useQuery(trpc.network.cpes.files.queryOptions());
  const [wifi, setWifi] = useState({ ssid: "", passphrase: "", band: "both" });
  const [fileName, setFileName] = useState("");
  const [filter, setFilter] = useState("");
  const [diag, setDiag] = useState<{ kind: Kind; host: string }>({ kind: "ping", host: "8.8.8.8" });
  const [running, setRunning] = useState<Kind | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.network.cpes.get.queryKey({ id }) });
  const outcome = (what: string) => ({
    onSuccess: (r: { status: string }) => {
      toast.success(r.status === "queued" ? `${what} queued: the CPE applies it at its next inform` : `${what} done`);
      refresh();
    },
    onError: (e: unknown) => toast.error(e),
  });
  const action = useMutation(trpc.network.cpes.action.mutationOptions(outcome("Request")));
  const setWifiM = useMutation(trpc.network.cpes.wifi.mutationOptions(outcome("WiFi change")));
  const firmware = useMutation(trpc.network.cpes.firmware.mutationOptions(outcome("Firmware download")));
  const start = useMutation(
    trpc.network.cpes.startDiagnostic.mutationOptions({
      onSuccess: (r) => setRunning(r.kind),
      onError: (e) => toast.error(e),
    }),
  );
  const result = useQuery({
    ...trpc.network.cpes.readDiagnostic.queryOptions({ id, kind: running ?? "ping" }),
    enabled: running !== null,
    refetchInterval: (q) => (q.state.data?.complete || q.state.data?.failed ? false : 1000),
  });

  if (cpe.isLoading) return <Spinner label="Loading CPE" />;
  if (cpe.error || !cpe.data) return <Alert tone="danger">{cpe.error?.message ?? "CPE not found"}</Alert>;
  const c = cpe.data;
  const act = async (a: "reboot" | "factoryReset" | "refresh") => {
    if (a === "refresh") return action.mutate({ id: c.id, action: a });
    const ok = await confirm({
      title: a === "reboot" ? `Reboot ${c.serialNumber}?` : `Factory-reset ${c.serialNumber}?`,
      body:
        a === "reboot" ? "The subscriber loses service for a minute or two." : "All settings (WiFi, PPPoE) are erased.",
      danger: true,
      confirmLabel: a === "reboot" ? "Reboot" : "Factory reset",
      typeToConfirm: a === "factoryReset" ? c.serialNumber : undefined,
    });
    if (ok) action.mutate({ id: c.id, action: a });
  };
  const saveWifi = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await confirm({
        title: "Change WiFi?",
        body: "Connected devices must reconnect with the new settings.",
        confirmLabel: "Change",
      })
    )
      setWifiM.mutate({
        id: c.id,
        ssid: wifi.ssid,
        passphrase: wifi.passphrase || undefined,
        band: wifi.band as "both",
      });
  };
  const params = Object.entries(c.parameters).filter(
    ([k]) => !filter || k.toLowerCase().includes(filter.toLowerCase()),
  );

  return (
    <div className="stack">
      <PageHeader
        title={<span className="mono">{c.serialNumber}</span>}
        breadcrumbs={[{ label: "CPEs", href: "/noc/cpes" }, { label: c.serialNumber }]}
        description={`${c.manufacturer ?? ""} ${c.productClass ?? ""} · firmware ${String(c.firmware ?? "?")}`}
        actions={
          <>
            <Button onClick={() => act("refresh")}>Refresh parameters</Button>
            <Button onClick={() => act("reboot")}>Reboot</Button>
            <Button variant="danger" onClick={() => act("factoryReset")}>
              Factory reset
            </Button>
          </>
        }
      />
      <div className="grid-2">
        <Card title="Device">
          <DescriptionList
            items={[
              { label: "ACS device id", value: <span className="mono small">{c.acsDeviceId}</span> },
              { label: "MAC", value: <span className="mono">{c.macAddress}</span> },
              { label: "Last inform", value: c.lastInform ? <DateTime value={c.lastInform} mode="relative" /> : null },
              { label: "ONU", value: c.onuId ? <Link href={`/noc/onus/${c.onuId}`}>Open ONU</Link> : null },
              {
                label: "Subscriber",
                value: c.subscriberId ? <Link href={`/noc/subscribers/${c.subscriberId}`}>Open subscriber</Link> : null,
              },
              {
                label: "Faults",
                value: c.faults.length ? c.faults.map((f) => `${f.code}: ${f.message}`).join("; ") : "none",
              },
            ]}
          />
        </Card>
        <Card title="WiFi">
          <table className="table">
            <thead>
              <tr>
                <th>Band</th>
                <th>SSID</th>
                <th className="num">Channel</th>
                <th>Security</th>
                <th className="num">Clients</th>
              </tr>
            </thead>
            <tbody>
              {c.wifi.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    The CPE reports no WiFi radios (refresh its parameters if it should have some).
                  </td>
                </tr>
              ) : null}
              {c.wifi.map((w) => (
                <tr key={w.index}>
                  <td>{String(w.band)}</td>
                  <td>{String(w.ssid)}</td>
                  <td className="num">{String(w.channel)}</td>
                  <td>{String(w.security)}</td>
                  <td className="num">{String(w.clients)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form onSubmit={saveWifi} className="stack mt-2">
            <div className="form-grid">
              <Field label="SSID" required error={fieldErrors(setWifiM.error).ssid}>
                <Input value={wifi.ssid} onChange={(e) => setWifi({ ...wifi, ssid: e.target.value })} maxLength={32} />
              </Field>
              <Field
                label="Passphrase"
                hint="8–63 characters; leave empty to keep"
                error={fieldErrors(setWifiM.error).passphrase}
              >
                <Input
                  type="password"
                  value={wifi.passphrase}
                  onChange={(e) => setWifi({ ...wifi, passphrase: e.target.value })}
                />
              </Field>
              <Field label="Band">
                <Select
                  value={wifi.band}
                  onChange={(e) => setWifi({ ...wifi, band: e.target.value })}
                  options={[
                    { value: "both", label: "Both" },
                    { value: "2.4GHz", label: "2.4 GHz" },
                    { value: "5GHz", label: "5 GHz" },
                  ]}
                />
              </Field>
            </div>
            <FormActions>
              <Button type="submit" disabled={!wifi.ssid} loading={setWifiM.isPending}>
                Change WiFi
              </Button>
            </FormActions>
          </form>
        </Card>
      </div>
      <div className="grid-2">
        <Card title="Firmware">
          <div className="stack">
            <Field
              label="Image on the ACS"
              hint={
                files.data && files.data.length === 0
                  ? "No firmware images on the ACS yet: upload one to GenieACS (files) first"
                  : `Installed: ${String(c.firmware ?? "unknown")}`
              }
            >
              <Select
                value={fileName}
                onChange={(e) => setFileName(e.target.value)}
                placeholder="Choose a firmware file"
                options={(files.data ?? []).map((f) => ({
                  value: f.name,
                  label: `${f.name} (${f.version}, ${f.productClass})`,
                }))}
              />
            </Field>
            <FormActions>
              <Button
                disabled={!fileName}
                loading={firmware.isPending}
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Upgrade ${c.serialNumber}?`,
                      body: `The CPE downloads ${fileName} and reboots.`,
                      confirmLabel: "Upgrade",
                    })
                  )
                    firmware.mutate({ id: c.id, fileName });
                }}
              >
                Upgrade firmware
              </Button>
            </FormActions>
          </div>
        </Card>
        <Card title="Diagnostics">
          <div className="stack">
            <div className="form-grid">
              <Field label="Test">
                <Select
                  value={diag.kind}
                  onChange={(e) => setDiag({ ...diag, kind: e.target.value as Kind })}
                  options={[
                    { value: "ping", label: "Ping" },
                    { value: "download", label: "Download speed" },
                    { value: "upload", label: "Upload speed" },
                    { value: "traceroute", label: "Trace route" },
                  ]}
                />
              </Field>
              {diag.kind === "ping" || diag.kind === "traceroute" ? (
                <Field label="Host">
                  <Input value={diag.host} onChange={(e) => setDiag({ ...diag, host: e.target.value })} />
                </Field>
              ) : null}
            </div>
            <FormActions>
              <Button
                loading={start.isPending}
                onClick={() =>
                  start.mutate({
                    id: c.id,
                    kind: diag.kind,
                    host: diag.kind === "download" || diag.kind === "upload" ? undefined : diag.host,
                  })
                }
              >
                Run test
              </Button>
            </FormActions>
            {running && result.data ? (
              <Alert
                tone={result.data.complete ? "success" : result.data.failed ? "danger" : "info"}
                title={`${running}: ${result.data.state}`}
              >
                <span className="mono small">
                  {Object.entries(result.data.results)
                    .filter(([k]) => k !== "DiagnosticsState")
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(" · ")}
                </span>
              </Alert>
            ) : null}
          </div>
        </Card>
      </div>
      <Card
        title="Parameters"
        actions={
          <Input
            aria-label="Filter parameters"
            placeholder="Filter…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        }
        padded={false}
      >
        <table className="table">
          <thead>
            <tr>
              <th>Parameter</th>
              <th>Value</th>
              <th>Type</th>
              <th>Writable</th>
            </tr>
          </thead>
          <tbody>
            {params.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {filter ? `No parameter matches “${filter}”.` : "No parameters read yet: refresh them."}
                </td>
              </tr>
            ) : null}
            {params.map(([k, v]) => (
              <tr key={k}>
                <td className="mono small">{k}</td>
                <td className="wrap-anywhere">{String(v.value)}</td>
                <td className="muted small">{v.type}</td>
                <td>{v.writable ? "yes" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
