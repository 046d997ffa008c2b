"use client";
// What the agent needs beside the thread: the subscriber's service (status, plan), live
// session, last Access-Rejects with their reasons, ONU optics and CPE, the customer's open
// invoices and earlier tickets. Each block asks its own module's procedure and shows only
// what the agent's role may see.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TicketStatusBadge } from "@/components/support-format";
import { useTRPC } from "@/components/trpc";
import { Badge, Card, DateTime, DescriptionList, Money, Spinner, StatusBadge } from "@/components/ui";

export function SubscriberContext({
  ticketId,
  subscriberId,
  customerId,
  permissions,
}: {
  ticketId: string;
  subscriberId: string | null;
  customerId: string | null;
  permissions: string[];
}) {
  const may = (p: string) => permissions.includes(p);
  return (
    <div className="stack">
      {subscriberId && may("subscriber.read") ? <Service subscriberId={subscriberId} /> : null}
      {subscriberId && may("session.read") ? <Sessions subscriberId={subscriberId} /> : null}
      {subscriberId && may("subscriber.read") ? <Equipment subscriberId={subscriberId} /> : null}
      {customerId && may("invoice.read") ? <OpenInvoices customerId={customerId} /> : null}
      {subscriberId && may("incident.read") ? <Incidents subscriberId={subscriberId} /> : null}
      {customerId ? <EarlierTickets customerId={customerId} ticketId={ticketId} /> : null}
      {!subscriberId && !customerId ? (
        <Card title="Customer">
          <p className="muted">
            This ticket is not linked to a customer (for example an email from an unknown address).
          </p>
        </Card>
      ) : null}
    </div>
  );
}

function Service({ subscriberId }: { subscriberId: string }) {
  const trpc = useTRPC();
  const sub = useQuery(trpc.subscribers.get.queryOptions({ id: subscriberId }, { retry: false }));
  const s = sub.data;
  return (
    <Card title="Service">
      {sub.isLoading ? <Spinner label="Loading the service" /> : null}
      {s ? (
        <DescriptionList
          items={[
            { label: "Subscriber", value: <Link href={`/noc/subscribers/${s.id}`}>{s.username}</Link> },
            { label: "Customer", value: s.customer.name },
            { label: "Status", value: <StatusBadge status={s.status} /> },
            {
              label: "Plan",
              value: `${s.plan.name} (${Math.round(s.plan.downloadKbps / 1000)}/${Math.round(s.plan.uploadKbps / 1000)} Mbit/s)`,
            },
          ]}
        />
      ) : null}
      {sub.error ? <p className="muted">The service could not be loaded.</p> : null}
    </Card>
  );
}

function Sessions({ subscriberId }: { subscriberId: string }) {
  const trpc = useTRPC();
  const live = useQuery(trpc.radius.sessions.ofSubscriber.queryOptions({ subscriberId }, { retry: false }));
  const rejects = useQuery(
    trpc.radius.authLog.queryOptions(
      { page: 1, pageSize: 3, filters: { subscriberId, result: "reject" } },
      { retry: false },
    ),
  );
  const session = live.data?.[0];
  return (
    <Card title="Connection">
      {live.isLoading ? <Spinner label="Loading the session" /> : null}
      {live.data ? (
        session ? (
          <DescriptionList
            items={[
              { label: "Live session", value: <Badge tone="success">Online</Badge> },
              { label: "Since", value: <DateTime value={session.startedAt} mode="relative" /> },
              { label: "IP", value: <span className="mono">{session.framedIp}</span> },
              { label: "NAS", value: <span className="mono">{session.nasIp}</span> },
            ]}
          />
        ) : (
          <p>
            <Badge tone="warning">No live session</Badge>
          </p>
        )
      ) : null}
      <h3 className="small mt-2">Last Access-Rejects</h3>
      {rejects.data && rejects.data.rows.length === 0 ? <p className="muted small">None recorded.</p> : null}
      <ul className="list-plain small">
        {rejects.data?.rows.map((r) => (
          <li key={r.id}>
            <DateTime value={r.authdate} mode="relative" /> — <strong>{r.reasonLabel ?? "Rejected"}</strong>
            {r.fix ? <span className="muted"> {r.fix}</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Equipment({ subscriberId }: { subscriberId: string }) {
  const trpc = useTRPC();
  const net = useQuery(trpc.network.forSubscriber.queryOptions({ subscriberId }, { retry: false }));
  const onu = net.data?.onu;
  const cpe = net.data?.cpe;
  return (
    <Card title="ONU and CPE">
      {net.isLoading ? <Spinner label="Loading the equipment" /> : null}
      {net.data ? (
        <DescriptionList
          items={[
            {
              label: "ONU",
              value: onu ? (
                <Link href={`/noc/onus/${onu.id}`} className="mono">
                  {onu.serialNumber}
                </Link>
              ) : (
                "None"
              ),
            },
            {
              label: "Optics",
              value: onu ? (
                <span>
                  <StatusBadge status={onu.optics} /> {onu.rxPowerDbm !== null ? `Rx ${onu.rxPowerDbm} dBm` : ""}
                  {onu.txPowerDbm !== null ? `, Tx ${onu.txPowerDbm} dBm` : ""}
                  {onu.opticsAt ? (
                    <span className="muted">
                      {" "}
                      (<DateTime value={onu.opticsAt} mode="relative" />)
                    </span>
                  ) : null}
                </span>
              ) : null,
            },
            {
              label: "CPE",
              value: cpe ? (
                <Link href={`/noc/cpes/${cpe.id}`}>
                  {[cpe.manufacturer, cpe.productClass].filter(Boolean).join(" ") || cpe.serialNumber}
                </Link>
              ) : (
                "None"
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

function OpenInvoices({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const account = useQuery(trpc.billing.reports.account.queryOptions({ customerId }, { retry: false }));
  const a = account.data;
  return (
    <Card title="Open invoices">
      {account.isLoading ? <Spinner label="Loading invoices" /> : null}
      {a ? (
        a.openInvoices.length === 0 ? (
          <p className="muted">Nothing open.</p>
        ) : (
          <ul className="list-plain small">
            {a.openInvoices.map((i) => (
              <li key={i.id}>
                <Link href={`/billing/invoices/${i.id}`}>{i.number ?? "Draft"}</Link> —{" "}
                <Money amount={i.amountDueMinor} currency={i.currency} /> due <DateTime value={i.dueDate} mode="date" />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Card>
  );
}

/** Open incidents the subscriber is behind: the ticket may be one of an outage's many. */
function Incidents({ subscriberId }: { subscriberId: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.incidents.affecting.queryOptions({ subscriberId }, { retry: false }));
  return (
    <Card title="Incidents affecting them">
      {list.isLoading ? <Spinner label="Loading incidents" /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">No open incident.</p> : null}
      <ul className="list-plain small">
        {(list.data ?? []).map((i) => (
          <li key={i.id}>
            <Link href={`/noc/incidents/${i.id}`}>INC-{i.number}</Link> {i.title}{" "}
            <span className="muted">({i.rootName})</span> <StatusBadge status={i.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

function EarlierTickets({ customerId, ticketId }: { customerId: string; ticketId: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.tickets.list.queryOptions({ view: "all", customerId, pageSize: 6 }));
  const rows = list.data?.rows.filter((r) => r.id !== ticketId) ?? [];
  return (
    <Card title="Earlier tickets">
      {list.data && rows.length === 0 ? <p className="muted">No other tickets.</p> : null}
      <ul className="list-plain small">
        {rows.slice(0, 5).map((r) => (
          <li key={r.id}>
            <Link href={`/support/tickets/${r.id}`}>{r.reference}</Link> {r.subject}{" "}
            <TicketStatusBadge status={r.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
