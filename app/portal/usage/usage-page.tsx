"use client";
// Usage from RADIUS accounting: the last 30 days by day and the last months by month, per
// service, against the plan's data allowance when it has one.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Card, EmptyState, Field, PageHeader, Select, Spinner, Stat, useFormat } from "@/components/ui";
import { formatGb } from "../portal-ui";
import { type UsageBar, UsageChart } from "./usage-chart";

const DAYS_SHOWN = 30;
const MONTHS_SHOWN = 12;

function utcDay(offsetDays: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

export function UsagePage() {
  const trpc = useTRPC();
  const { locale } = useFormat();
  const [subscriberId, setSubscriberId] = useState<string | undefined>(undefined);
  const overview = useQuery(trpc.subscribers.portal.overview.queryOptions());
  const usage = useQuery(trpc.billing.portal.usage.queryOptions({ subscriberId, days: 366 }));

  const services = overview.data?.services ?? [];
  const header = (
    <PageHeader title="Usage" description="Data you used, from your connection's accounting records (UTC days)." />
  );
  if (usage.isLoading) return <Spinner label="Loading your usage" />;
  if (usage.error || !usage.data)
    return (
      <div className="stack">
        {header}
        <Alert tone="danger">{errorMessage(usage.error) || "Usage could not be loaded"}</Alert>
      </div>
    );
  const u = usage.data;
  if (!u.subscriberId)
    return (
      <div className="stack">
        {header}
        <EmptyState title="No service yet" description="Usage appears here once your connection is active." />
      </div>
    );

  const byDay = new Map(u.daily.map((d) => [d.day, d]));
  const dayFmt = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  const daily: UsageBar[] = [];
  for (let i = DAYS_SHOWN - 1; i >= 0; i--) {
    const day = utcDay(-i);
    const d = byDay.get(day);
    daily.push({
      key: day,
      label: dayFmt.format(new Date(`${day}T00:00:00Z`)),
      downloadBytes: d?.downloadBytes ?? 0,
      uploadBytes: d?.uploadBytes ?? 0,
    });
  }

  const byMonth = new Map(u.monthly.map((m) => [m.month, m]));
  const monthFmt = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const now = new Date();
  const first = u.monthly[0]?.month;
  const monthly: UsageBar[] = [];
  for (let i = MONTHS_SHOWN - 1; i >= 0; i--) {
    const m = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7);
    if (first && m < first && i >= 3) continue; // start at the first month with data (at least 3 shown)
    const row = byMonth.get(m);
    monthly.push({
      key: m,
      label: monthFmt.format(new Date(`${m}-01T00:00:00Z`)),
      downloadBytes: row?.downloadBytes ?? 0,
      uploadBytes: row?.uploadBytes ?? 0,
    });
  }

  const sum = (bars: UsageBar[]) => bars.reduce((s, b) => s + b.downloadBytes + b.uploadBytes, 0);
  const thisMonth = monthly[monthly.length - 1];
  const capBytes = u.capGb ? u.capGb * 1e9 : null;

  return (
    <div className="stack">
      {header}
      {services.length > 1 ? (
        <Field label="Service">
          <Select
            value={u.subscriberId}
            onChange={(e) => setSubscriberId(e.target.value)}
            options={services.map((s) => ({
              value: s.subscriberId,
              label: `${s.plan?.name ?? "Service"} · ${s.username ?? s.subscriberId}`,
            }))}
          />
        </Field>
      ) : null}
      <div className="grid-3">
        <Stat label="This month" value={formatGb(sum([thisMonth]), locale)} hint={thisMonth.label} />
        <Stat label={`Last ${DAYS_SHOWN} days`} value={formatGb(sum(daily), locale)} />
        <Stat
          label="Included in your plan"
          value={u.capGb ? `${u.capGb} GB per month` : "Unlimited"}
          hint={
            u.capGb
              ? `${Math.min(100, Math.round((sum([thisMonth]) / (u.capGb * 1e9)) * 100))}% used this month`
              : "No data cap"
          }
        />
      </div>
      <Card title="By day" actions={<span className="small muted">last {DAYS_SHOWN} days</span>}>
        <UsageChart title="Usage by day" bars={daily} />
      </Card>
      <Card title="By month" actions={<span className="small muted">calendar months</span>}>
        <UsageChart title="Usage by month" bars={monthly} capBytes={capBytes} capLabel={`${u.capGb} GB allowance`} />
      </Card>
    </div>
  );
}
