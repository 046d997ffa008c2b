// GET /api/v1/drift: the findings of the tenant's drift scans, with evidence from both sides
// and the repair each would run; POST /api/v1/drift/scans starts a scan.
import { z } from "zod";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { requestScan } from "./jobs";
import { DRIFT_SYSTEMS, DRIFT_TYPE_IDS } from "./types";

const TAG = "Drift";
const timestamp = z.iso.datetime({ offset: true });

const finding = z.object({
  id: z.uuid(),
  type: z.enum(DRIFT_TYPE_IDS as [string, ...string[]]).describe("What disagrees, e.g. onu.profile"),
  system: z.string().describe("The system that disagrees with the platform"),
  subscriber_id: z.uuid().nullable(),
  username: z.string().nullable(),
  summary: z.string(),
  expected: z.record(z.string(), z.unknown()).describe("What the platform intends"),
  actual: z.record(z.string(), z.unknown()).describe("What the system holds"),
  status: z.enum(["open", "resolved"]),
  first_seen_at: timestamp,
  last_seen_at: timestamp,
  resolved_at: timestamp.nullable(),
  repair_job_id: z.uuid().nullable().describe("The orchestration job of the last repair"),
});

const scan = z.object({
  scan_id: z.uuid(),
  status: z.enum(["running", "completed", "failed"]),
  trigger: z.string(),
  subscribers: z.number().int(),
  findings: z.number().int(),
  started_at: timestamp,
  finished_at: timestamp.nullable(),
});

type FindingRow = Awaited<ReturnType<ServiceContext["db"]["driftFinding"]["findFirstOrThrow"]>>;
const present = (f: FindingRow) => ({
  id: f.id,
  type: f.type,
  system: f.system,
  subscriber_id: f.subscriberId,
  username: f.username,
  summary: f.summary,
  expected: f.expected as Record<string, unknown>,
  actual: f.actual as Record<string, unknown>,
  status: f.status.toLowerCase() as "open" | "resolved",
  first_seen_at: f.firstSeenAt,
  last_seen_at: f.lastSeenAt,
  resolved_at: f.resolvedAt,
  repair_job_id: f.repairJobId,
});

export const driftRoutes = [
  defineRoute({
    method: "GET",
    path: "/drift",
    tag: TAG,
    summary: "Drift findings",
    description:
      "Where RADIUS, IPAM, live sessions, VOLTHA, the ACS, billing or NetBox disagree with the platform, per subscriber. Open findings by default.",
    permission: "job.read",
    query: cursorQuery.extend({
      status: z.enum(["open", "resolved"]).default("open"),
      type: z.enum(DRIFT_TYPE_IDS as [string, ...string[]]).optional(),
      system: z.enum(DRIFT_SYSTEMS as [string, ...string[]]).optional(),
      subscriber_id: z.uuid().optional(),
    }),
    response: pageOf(finding),
    handler: ({ svc, query }) =>
      cursorPage(
        query,
        (page) =>
          svc.db.driftFinding.findMany({
            ...page,
            where: {
              ...page.where,
              status: query.status === "resolved" ? "RESOLVED" : "OPEN",
              ...(query.type ? { type: query.type } : {}),
              ...(query.system ? { system: query.system } : {}),
              ...(query.subscriber_id ? { subscriberId: query.subscriber_id } : {}),
            },
          }),
        present,
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/drift/scans",
    tag: TAG,
    summary: "Start a drift scan",
    description: "Answers at once; a scan already running is answered instead of starting another.",
    permission: "job.manage",
    status: 202,
    response: scan,
    async handler({ svc }) {
      const s = await requestScan(svc, "api");
      return {
        scan_id: s.id,
        status: s.status.toLowerCase() as "running" | "completed" | "failed",
        trigger: s.trigger,
        subscribers: s.subscribers,
        findings: s.findings,
        started_at: s.startedAt,
        finished_at: s.finishedAt,
      };
    },
  }),
];
