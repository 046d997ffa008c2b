"use client";
// The NOC's live figures: the latest sample (every minute, refreshed here every 30 s), ONUs per
// OLT, integration health and charts of the last hours. Every figure links to its page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DataTable, defineColumns, useLocalList } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Badge, Button, Card, DateTime, EmptyState, Stat } from "@/components/ui";
import type { MetricName } from "@/server/modules/monitoring/schemas";
import { type ChartSeries, MetricChart } from "./metric-chart";

type Point = { metric: MetricName; series: string; labels: Record<string, string>; value: number };
type OltRow = { id: string; name: string; online: number; offline: number };

const HOURS = 6;

const oltColumns = defineColumns<OltRow>((c) => [
  c.accessor("name", { header: "OLT" }),
  c.accessor("online", { header: "Online", meta: { align: "right" } }),
  c.accessor("offline", {
    header: "Offline",
    meta: { align: "right" },
    cell: (i) => (i.getValue() ? <span className="text-danger">{i.getValue()}</span> : 0),
  }),
]);

function useSeries(metric: MetricName) {
  const trpc = useTRPC();
  return useQuery(trpc.monitoring.series.queryOptions({ metric, hours: HOURS }, { refetchInterval: 60_000 }));
}

function toChart(
  data:
    | { series: Array<{ series: string; labels: Record<string, string>; points: ChartSeries["points"] }> }
    | undefined,
  name: (s: { series: string; labels: Record<string, string> }) => string,
): ChartSeries[] {
  return (data?.series ?? []).map((s) => ({ name: name(s), points: s.points }));
}

export function NocDashboard({ canSample }: { canSample: boolean }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const current = useQuery(trpc.monitoring.current.queryOptions(undefined, { refetchInterval: 30_000 }));
  const firing = useQuery(
    trpc.monitoring.alerts.queryOptions(
      { page: 1, pageSize: 1, filters: { status: "FIRING" } },
      { refetchInterval: 30_000 },
    ),
  );
  const alertsOpen = firing.data?.total ?? 0;
  const sessions = useSeries("radius_sessions_active");
  const accepts = useSeries("radius_accepts_last_minute");
  const rejects = useSeries("radius_rejects_last_minute");
  const offline = useSeries("onus_offline");
  const queued = useSeries("jobs_queued");
  const failed = useSeries("jobs_failed_last_minute");
  const sample = useMutation(
    trpc.monitoring.sampleNow.mutationOptions({
      onSuccess: () => {
        client.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
        toast.success("Figures sampled");
      },
      onError: toast.error,
    }),
  );

  const points = (current.data?.points ?? []) as Point[];
  const sum = (metric: MetricName) => points.filter((p) => p.metric === metric).reduce((n, p) => n + p.value, 0);
  const olts: OltRow[] = points
    .filter((p) => p.metric === "onus_online")
    .map((p) => ({
      id: p.series,
      name: p.labels.olt ?? p.series,
      online: p.value,
      offline: points.find((q) => q.metric === "onus_offline" && q.series === p.series)?.value ?? 0,
    }));
  const oltList = useLocalList(olts, 10);
  const integrations = points.filter((p) => p.metric === "integration_up");
  const sampleButton = canSample ? (
    <Button size="sm" variant="secondary" onClick={() => sample.mutate({})} loading={sample.isPending}>
      Sample now
    </Button>
  ) : null;

  if (current.isSuccess && !current.data.at)
    return (
      <Card>
        <EmptyState
          title="No figures yet"
          description="The figures are sampled every minute; the first sample appears here within a minute."
          action={sampleButton}
        />
      </Card>
    );

  const offlineNow = sum("onus_offline");
  const ratio = sum("radius_reject_ratio");
  return (
    <div className="stack">
      <div className="row-between">
        <p className="muted small mb-0" aria-live="polite">
          {current.data?.at ? (
            <>
              Sampled <DateTime value={current.data.at} mode="relative" />; refreshes by itself.
            </>
          ) : (
            "Loading figures…"
          )}
        </p>
        {sampleButton}
      </div>
      <div className="grid-4">
        <Stat label="ONUs online" value={sum("onus_online")} href="/noc/onus" />
        <Stat
          label="ONUs offline"
          value={offlineNow}
          tone={offlineNow ? "danger" : undefined}
          hint="loss of signal or failed"
          href="/noc/onus"
        />
        <Stat label="Active sessions" value={sum("radius_sessions_active")} href="/noc/sessions" />
        <Stat
          label="Rejected logins"
          value={`${Math.round(ratio * 100)} %`}
          tone={ratio >= 0.5 ? "danger" : ratio >= 0.2 ? "warning" : undefined}
          hint={`${sum("radius_accepts_last_minute")} accepted, ${sum("radius_rejects_last_minute")} rejected in the last minute`}
          href="/noc/auth-log"
        />
        <Stat
          label="Jobs queued"
          value={sum("jobs_queued")}
          hint={`${sum("jobs_failed_last_minute")} failed in the last minute`}
          href="/noc/jobs"
        />
        <Stat
          label="Open incidents"
          value={sum("incidents_open")}
          tone={sum("incidents_open") ? "danger" : undefined}
          href="/noc/incidents"
        />
        <Stat label="Drift findings" value={sum("drift_findings_open")} href="/noc/drift" />
        <Stat label="Alerts firing" value={alertsOpen} tone={alertsOpen ? "danger" : undefined} href="/noc/alerts" />
      </div>
      <div className="grid-2">
        <Card title="ONUs per OLT">
          <DataTable
            caption="ONUs online and offline per OLT"
            columns={oltColumns}
            rows={oltList.rows}
            total={oltList.total}
            query={oltList.query}
            onQueryChange={oltList.onQueryChange}
            searchable={false}
            getRowId={(r) => r.id}
            empty={<EmptyState title="No OLTs" description="Register an OLT to see its ONUs here." />}
          />
        </Card>
        <Card title="Integrations">
          <ul className="list-plain stack-sm">
            {integrations.map((i) => (
              <li key={i.series} className="row-between">
                <span>{i.labels.system}</span>
                {i.value ? <Badge tone="success">Healthy</Badge> : <Badge tone="danger">Last test failed</Badge>}
              </li>
            ))}
          </ul>
          <p className="small muted mb-0">
            Healthy unless the system's last connection test failed (real systems are tested every 5 minutes, and from{" "}
            <a href="/noc/integrations">Integrations</a>).
          </p>
        </Card>
      </div>
      <div className="grid-2">
        <Card>
          <MetricChart title="Active sessions" hours={HOURS} series={toChart(sessions.data, () => "Sessions")} />
        </Card>
        <Card>
          <MetricChart
            title="Logins per minute"
            hours={HOURS}
            series={[...toChart(accepts.data, () => "Accepted"), ...toChart(rejects.data, () => "Rejected")]}
          />
        </Card>
        <Card>
          <MetricChart
            title="ONUs offline per OLT"
            hours={HOURS}
            series={toChart(offline.data, (s) => s.labels.olt ?? s.series)}
          />
        </Card>
        <Card>
          <MetricChart
            title="Workflows"
            hours={HOURS}
            series={[...toChart(queued.data, () => "Queued"), ...toChart(failed.data, () => "Failed")]}
          />
        </Card>
      </div>
    </div>
  );
}
