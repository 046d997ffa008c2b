import { Badge, humanize, type Tone } from "@/components/ui";
import { OrchestrationJobStatus } from "@/server/generated/prisma/enums";

export const JOB_STATUSES = Object.values(OrchestrationJobStatus);

export const JOB_TYPES: Array<{ value: string; label: string }> = [
  { value: "provision-subscriber", label: "Provision subscriber" },
  { value: "suspend-subscriber", label: "Suspend subscriber" },
  { value: "restore-subscriber", label: "Restore subscriber" },
  { value: "change-plan", label: "Change plan" },
  { value: "deprovision-subscriber", label: "Deprovision subscriber" },
];

/** A job in one of these is still moving: its page polls. */
export const IN_FLIGHT = new Set(["PENDING", "RUNNING", "ROLLING_BACK"]);

const JOB_TONE: Record<string, Tone> = {
  PENDING: "info",
  RUNNING: "info",
  COMPLETED: "success",
  ROLLING_BACK: "warning",
  ROLLED_BACK: "warning",
  ROLLBACK_FAILED: "danger",
  CANCELLED: "neutral",
};

const STEP_TONE: Record<string, Tone> = {
  PENDING: "neutral",
  RUNNING: "info",
  COMPLETED: "success",
  FAILED: "danger",
  UNDOING: "warning",
  UNDONE: "warning",
  UNDO_FAILED: "danger",
  SKIPPED: "neutral",
};

export function JobStatusBadge({ status }: { status: string }) {
  return <Badge tone={JOB_TONE[status] ?? "neutral"}>{humanize(status)}</Badge>;
}

export function StepStatusBadge({ status }: { status: string }) {
  return <Badge tone={STEP_TONE[status] ?? "neutral"}>{humanize(status)}</Badge>;
}

export function formatMs(ms: number | null | undefined) {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "5 of 8 steps" — steps done (completed or skipped) out of all. */
export function progressOf(steps: Array<{ status: string }>) {
  const done = steps.filter((s) => s.status === "COMPLETED" || s.status === "SKIPPED").length;
  return { done, total: steps.length };
}

/** A dry run of a workflow (orchestration.preview.*): what each step would change. */
export type SagaPlanData = {
  ok: boolean;
  steps: Array<{ name: string; title: string; status: string; summary: string; error?: string }>;
};

const PLAN_LABEL: Record<string, [string, Tone]> = {
  change: ["Will change", "info"],
  no_change: ["Already done", "success"],
  skipped: ["Skipped", "neutral"],
  fails: ["Would fail", "danger"],
  not_reached: ["Not reached", "neutral"],
};

/** The preview shown before a workflow is started: one line per step, nothing has run yet. */
export function SagaPlanView({ plan }: { plan: SagaPlanData }) {
  return (
    <ol className="stack-sm" data-testid="saga-plan" aria-label="What the workflow would do">
      {plan.steps.map((s) => {
        const [label, tone] = PLAN_LABEL[s.status] ?? [s.status, "neutral"];
        return (
          <li key={s.name}>
            <Badge tone={tone}>{label}</Badge> <strong>{s.title}</strong>
            <div className="small">{s.summary}</div>
          </li>
        );
      })}
    </ol>
  );
}
