"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, EmptyState, PageHeader, Spinner, Stat } from "@/components/ui";

const KINDS = [
  {
    kind: "radius",
    title: "RADIUS rows",
    what: "credentials, reply attributes or groups of a subscriber that is not active or suspended",
  },
  { kind: "ip", title: "IP addresses", what: "addresses assigned to a subscriber that is not live" },
  { kind: "onu", title: "ONUs", what: "ONUs active or enabled without a live subscriber" },
  {
    kind: "billing",
    title: "Billing subscriptions",
    what: "subscriptions still running for terminated or missing subscribers",
  },
] as const;

export function InvariantsPage() {
  const trpc = useTRPC();
  // Runs the checker on every visit and on demand; never cached.
  const check = useQuery({ ...trpc.orchestration.invariants.queryOptions(), staleTime: 0, gcTime: 0 });
  const data = check.data;
  return (
    <div className="stack">
      <PageHeader
        title="Invariant check"
        description="Looks across RADIUS, IPAM, the OLTs and billing for resources no live subscriber explains — what a half-finished workflow would leave behind. Subscribers with a workflow still running are left out."
        actions={
          <Button onClick={() => check.refetch()} loading={check.isFetching}>
            Run check again
          </Button>
        }
      />
      {check.error ? <Alert tone="danger">{errorMessage(check.error)}</Alert> : null}
      {!data ? (
        <Spinner label="Checking" />
      ) : (
        <>
          <p className="muted small">
            Checked <DateTime value={data.checkedAt} />
          </p>
          <div className="grid-4">
            {KINDS.map((k) => (
              <Stat
                key={k.kind}
                label={k.title}
                value={data.byKind[k.kind] ?? 0}
                tone={data.byKind[k.kind] ? "danger" : "success"}
                hint="orphans"
              />
            ))}
          </div>
          {data.total === 0 ? (
            <Card>
              <EmptyState
                title="No orphans"
                description="Every RADIUS row, assigned IP address, active ONU and billing subscription belongs to a live subscriber."
              />
            </Card>
          ) : (
            KINDS.filter((k) => data.byKind[k.kind]).map((k) => (
              <Card key={k.kind} title={`${k.title}: ${data.byKind[k.kind]} orphan(s)`}>
                <p className="muted small">{k.what}.</p>
                <table className="table" data-testid={`orphans-${k.kind}`}>
                  <thead>
                    <tr>
                      <th>Resource</th>
                      <th>Subscriber</th>
                      <th>Detail</th>
                      <th>Workflows</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.orphans
                      .filter((o) => o.kind === k.kind)
                      .map((o) => (
                        <tr key={`${o.kind}:${o.resource}`}>
                          <td className="mono">{o.resource}</td>
                          <td>
                            {o.subscriberId && o.subscriberStatus ? (
                              <Link href={`/noc/subscribers/${o.subscriberId}`}>
                                {o.subscriberStatus.toLowerCase().replace(/_/g, " ")}
                              </Link>
                            ) : (
                              <span className="muted">{o.subscriberId ? "missing" : "none"}</span>
                            )}
                          </td>
                          <td className="small">{o.detail}</td>
                          <td>
                            {o.subscriberId ? (
                              <Link href={`/noc/jobs?f.subscriberId=${o.subscriberId}`}>Jobs</Link>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </Card>
            ))
          )}
        </>
      )}
    </div>
  );
}
