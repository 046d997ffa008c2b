"use client";
// The technician's phone app: today's jobs in window order, and one job at a time — on my way,
// arrived, start, the checklist, the ONU and CPE from the van (scanned or typed), optical
// power, photos, the customer's signature, notes, complete — and, once synced, the
// provisioning it started. Works offline: see use-field-sync.ts.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RouteMap } from "@/components/route-map";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  DateTime,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Spinner,
  StatusBadge,
  Textarea,
} from "@/components/ui";
import { ScanButton, SignaturePad } from "./capture";
import { canvasPng, shrinkPhoto } from "./media";
import { type Job, useFieldSync, type Van, withPending } from "./use-field-sync";

const STATUS_LABEL: Record<string, string> = {
  NEW: "New",
  SCHEDULED: "Scheduled",
  EN_ROUTE: "On the way",
  ON_SITE: "On site",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};
const TYPE_LABEL: Record<string, string> = {
  INSTALL: "Install",
  REPAIR: "Repair",
  SURVEY: "Site survey",
  REMOVAL: "Equipment removal",
  MAINTENANCE: "Maintenance",
};

type Sync = ReturnType<typeof useFieldSync>;

export function TechApp() {
  const sync = useFieldSync();
  const [openId, setOpenId] = useState<string | null>(null);
  const jobs = (sync.jobs ?? []).map((j) => withPending(j, sync.actions));
  const open = jobs.find((j) => j.id === openId);
  const waiting = sync.actions.filter((a) => !a.conflict);
  const conflicts = sync.actions.filter((a) => a.conflict);

  return (
    <div className="stack">
      <p role="status" data-testid="sync-status" className="small">
        {!sync.online
          ? `Offline — ${waiting.length} ${waiting.length === 1 ? "action" : "actions"} waiting to sync`
          : sync.syncing
            ? "Syncing…"
            : waiting.length
              ? `${waiting.length} waiting to sync`
              : "All changes saved"}
      </p>
      {sync.offlineReady !== null ? (
        <p className="small muted" data-testid="offline-ready">
          {sync.offlineReady
            ? "Ready for offline use"
            : "Not available offline yet: open the app once with a connection"}
        </p>
      ) : null}
      {conflicts.length ? (
        <Alert tone="warning" title="Some actions could not be applied">
          <ul className="stack-sm" data-testid="sync-conflicts">
            {conflicts.map((c) => (
              <li key={c.seq}>
                {c.label}: {c.conflict}{" "}
                <Button size="sm" variant="ghost" onClick={() => sync.dismiss(c.seq as number)}>
                  Dismiss
                </Button>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {open ? (
        <JobView job={open} van={sync.van} sync={sync} online={sync.online} onBack={() => setOpenId(null)} />
      ) : (
        <Today jobs={sync.jobs ? jobs : null} online={sync.online} onOpen={setOpenId} />
      )}
    </div>
  );
}

/** A link that opens the phone's maps app at the job (geo: URI, RFC 5870). */
const navigateHref = (j: Job) =>
  `geo:${j.latitude},${j.longitude}?q=${j.latitude},${j.longitude}(${encodeURIComponent(`WO-${j.number}`)})`;

/**
 * Today's route: the jobs in the order of their arrival windows, joined by straight lines (the
 * visiting order, not road directions). Offline the map is not drawn (its code and worker may
 * not be on the phone); the list below it has every job and its navigate link.
 */
function TodayRoute({ jobs, online, onOpen }: { jobs: Job[]; online: boolean; onOpen: (id: string) => void }) {
  if (!online)
    return (
      <p className="small muted" role="status" data-testid="route-map-offline">
        The route map is unavailable offline. Every job and its navigate link are listed below.
      </p>
    );
  const stops = jobs
    .filter((j) => j.status !== "CANCELLED")
    .map((j) => ({
      id: j.id,
      label: `WO-${j.number}${j.addressText ? ` · ${j.addressText}` : ""}`,
      at: j.longitude != null && j.latitude != null ? ([j.longitude, j.latitude] as [number, number]) : null,
    }));
  return (
    <RouteMap
      label="Today's route"
      routes={[{ id: "today", name: "Today's route", start: null, stops }]}
      onJobClick={onOpen}
      height={240}
    />
  );
}

function Today({
  jobs,
  online,
  onOpen,
}: {
  jobs: (Job & { pending: number })[] | null;
  online: boolean;
  onOpen: (id: string) => void;
}) {
  if (!jobs) return <Spinner label="Loading today's jobs" />;
  return (
    <>
      <PageHeader
        title="Today's jobs"
        description="In the order of their arrival windows: the route on the map joins them in that order (straight lines, not road directions)."
      />
      {jobs.length ? <TodayRoute jobs={jobs} online={online} onOpen={onOpen} /> : null}
      {jobs.length === 0 ? (
        <EmptyState title="No jobs today" description="Jobs the dispatcher assigns to you appear here." />
      ) : (
        <ol className="stack-sm" aria-label="Today's jobs" style={{ listStyle: "none", padding: 0 }}>
          {jobs.map((j) => (
            <li key={j.id}>
              <Card>
                <div className="stack-sm">
                  <div>
                    <strong>
                      WO-{j.number} · {TYPE_LABEL[j.type]}
                    </strong>{" "}
                    <StatusBadge status={STATUS_LABEL[j.status] ?? j.status} />
                    {j.pending ? <Badge tone="warning">Not synced</Badge> : null}
                  </div>
                  <div>{j.title}</div>
                  {j.addressText ? <div className="muted">{j.addressText}</div> : null}
                  {j.windowStart ? (
                    <div className="small">
                      <DateTime value={j.windowStart} mode="time" /> –{" "}
                      {j.windowEnd ? <DateTime value={j.windowEnd} mode="time" /> : null}
                    </div>
                  ) : null}
                  <div className="row" style={{ flexWrap: "wrap" }}>
                    <Button
                      variant="primary"
                      onClick={() => onOpen(j.id)}
                      aria-label={`Open WO-${j.number}: ${j.title}`}
                    >
                      Open
                    </Button>
                    {j.latitude != null && j.longitude != null ? (
                      <a className="btn btn-secondary" href={navigateHref(j)} aria-label={`Navigate to WO-${j.number}`}>
                        Navigate
                      </a>
                    ) : (
                      <span className="small muted">No location</span>
                    )}
                  </div>
                </div>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function JobView({
  job,
  van,
  sync,
  online,
  onBack,
}: {
  job: Job & { pending: number };
  van: Van | null;
  sync: Sync;
  online: boolean;
  onBack: () => void;
}) {
  const act = (op: Parameters<Sync["act"]>[0], input: Record<string, unknown>, label: string) =>
    sync.act(op, job.id, input, label);
  const onSite = job.status === "ON_SITE" || job.status === "IN_PROGRESS";
  const checklist = job.checklist as { key: string; label: string; done: boolean }[];

  return (
    <div className="stack">
      <div>
        <Button size="sm" variant="ghost" onClick={onBack}>
          ← Today's jobs
        </Button>
      </div>
      <PageHeader
        title={`WO-${job.number}: ${job.title}`}
        description={[TYPE_LABEL[job.type], job.addressText].filter(Boolean).join(" · ")}
      />
      <div>
        <span data-testid="job-status">{STATUS_LABEL[job.status]}</span>
        {job.pending ? (
          <>
            {" "}
            <Badge tone="warning">{job.pending} not synced</Badge>
          </>
        ) : null}
      </div>
      {job.description ? <p>{job.description}</p> : null}

      <div className="form-actions" style={{ justifyContent: "flex-start", flexWrap: "wrap" }}>
        {job.status === "SCHEDULED" ? (
          <Button onClick={() => act("move", { to: "EN_ROUTE" }, "On my way")}>On my way</Button>
        ) : null}
        {job.status === "SCHEDULED" || job.status === "EN_ROUTE" ? (
          <Button variant="primary" onClick={() => act("move", { to: "ON_SITE" }, "Arrived")}>
            Arrived
          </Button>
        ) : null}
        {job.status === "ON_SITE" ? (
          <Button variant="primary" onClick={() => act("move", { to: "IN_PROGRESS" }, "Started")}>
            Start work
          </Button>
        ) : null}
      </div>

      {onSite ? (
        <>
          <Card title="Checklist">
            <div className="stack-sm">
              {checklist.map((c) => (
                <Checkbox
                  key={c.key}
                  label={c.label}
                  checked={c.done}
                  onChange={(e) => act("record", { checklist: { [c.key]: e.target.checked } }, `Checklist: ${c.label}`)}
                />
              ))}
            </div>
          </Card>
          <Findings job={job} van={van} onSave={(input) => act("record", input, "Findings")} />
          <Photos job={job} onPhoto={(base64) => act("addPhoto", { base64 }, "Photo")} />
          <Signature job={job} onSign={(signedBy, base64) => act("sign", { signedBy, base64 }, "Signature")} />
          {job.status === "IN_PROGRESS" ? (
            <Card title="Finish">
              {job.missing.length && !job.pending ? (
                <p className="small" data-testid="missing">
                  Still to record: {job.missing.join("; ")}
                </p>
              ) : null}
              <Button variant="primary" onClick={() => act("complete", {}, "Complete")}>
                Complete job
              </Button>
            </Card>
          ) : null}
        </>
      ) : null}

      {job.status === "COMPLETED" ? (
        <Alert tone="success" title="Job completed">
          {job.pending ? "It will be sent when the phone is back online." : "Thank you."}
        </Alert>
      ) : null}
      {job.type === "INSTALL" && job.status === "COMPLETED" && !job.pending && online ? (
        <Provisioning workOrderId={job.id} />
      ) : null}
    </div>
  );
}

function Findings({
  job,
  van,
  onSave,
}: {
  job: Job;
  van: Van | null;
  onSave: (input: Record<string, unknown>) => void;
}) {
  const [power, setPower] = useState(job.opticalPowerDbm?.toString() ?? "");
  const [onu, setOnu] = useState(job.onuSerial ?? "");
  const [cpe, setCpe] = useState(job.cpeSerial ?? "");
  const [notes, setNotes] = useState(job.notes);
  const [error, setError] = useState<string | null>(null);
  const install = job.type === "INSTALL";

  return (
    <Card title="Findings">
      <form
        className="stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const dbm = power.trim() === "" ? null : Number(power.replace(",", "."));
          if (dbm !== null && (!Number.isFinite(dbm) || dbm < -40 || dbm > 10)) {
            setError("Optical power is a number between −40 and +10 dBm");
            return;
          }
          setError(null);
          onSave({
            opticalPowerDbm: dbm,
            ...(onu.trim() ? { onuSerial: onu.trim().toUpperCase() } : {}),
            ...(cpe.trim() ? { cpeSerial: cpe.trim().toUpperCase() } : {}),
            notes,
          });
        }}
      >
        <Field label="Optical power at the ONU (dBm)" hint="Between −8 and −27 dBm is good" error={error}>
          <Input inputMode="decimal" value={power} onChange={(e) => setPower(e.target.value)} />
        </Field>
        {install ? (
          <>
            <Field label="ONU serial" hint="From your van: pick, scan or type it">
              <Input
                value={onu}
                list="van-serials"
                autoCapitalize="characters"
                onChange={(e) => setOnu(e.target.value)}
              />
            </Field>
            <ScanButton onSerial={setOnu} />
            <Field label="Router (CPE) serial" hint="Optional">
              <Input
                value={cpe}
                list="van-serials"
                autoCapitalize="characters"
                onChange={(e) => setCpe(e.target.value)}
              />
            </Field>
            <datalist id="van-serials">
              {van?.items.map((i) => (
                <option key={i.serial} value={i.serial}>
                  {i.model.name}
                </option>
              ))}
            </datalist>
            {van ? (
              <p className="small muted" data-testid="van-stock">
                In your van:{" "}
                {van.items.length ? van.items.map((i) => `${i.serial} (${i.model.kind})`).join(", ") : "nothing"}
              </p>
            ) : null}
          </>
        ) : null}
        <Field label="Notes">
          <Textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <div>
          <Button type="submit">Save findings</Button>
        </div>
      </form>
    </Card>
  );
}

function Photos({ job, onPhoto }: { job: Job; onPhoto: (base64: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title="Photos">
      <p className="small" data-testid="photo-count">
        {job.photoCount === 1 ? "1 photo" : `${job.photoCount} photos`}
      </p>
      <Field label="Add a photo" error={error}>
        <Input
          type="file"
          accept="image/*"
          capture="environment"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            try {
              setError(null);
              onPhoto(await shrinkPhoto(file));
            } catch {
              setError("This photo could not be read; take it again");
            }
          }}
        />
      </Field>
    </Card>
  );
}

function Signature({ job, onSign }: { job: Job; onSign: (signedBy: string, base64: string) => void }) {
  const [name, setName] = useState("");
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (job.signedBy)
    return (
      <Card title="Customer's signature">
        <p data-testid="signed-by">Signed by {job.signedBy}</p>
      </Card>
    );
  return (
    <Card title="Customer's signature">
      <form
        className="stack-sm"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return setError("Write the name of the person signing");
          if (!canvas) return setError("Ask the customer to sign in the box");
          setError(null);
          onSign(name.trim(), await canvasPng(canvas));
        }}
      >
        <Field label="Name of the person signing" error={error}>
          <Input value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </Field>
        <SignaturePad onChange={setCanvas} />
        <div>
          <Button type="submit">Save signature</Button>
        </div>
      </form>
    </Card>
  );
}

function Provisioning({ workOrderId }: { workOrderId: string }) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.workorders.provisioning.queryOptions({ workOrderId }),
    refetchInterval: (q) =>
      q.state.data && ["COMPLETED", "ROLLED_BACK", "FAILED"].includes(q.state.data.status) ? false : 2000,
  });
  if (!job.data) return <Spinner label="Starting the service" />;
  return (
    <Card title="Service activation">
      <p data-testid="provisioning-status">
        {job.data.status === "COMPLETED" ? "Service is live" : STATUS_TEXT(job.data.status)}
      </p>
      <ol className="small" data-testid="provisioning-steps">
        {job.data.steps.map((s) => (
          <li key={s.name}>
            {s.title}: {s.status.toLowerCase().replace("_", " ")}
          </li>
        ))}
      </ol>
      {job.data.error ? <Alert tone="danger">{job.data.error}</Alert> : null}
    </Card>
  );
}

const STATUS_TEXT = (s: string) => `Activation ${s.toLowerCase().replace("_", " ")}`;
