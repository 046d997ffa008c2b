// TMF642 Alarm Management (v4) on the platform's alarms, with the TM Forum names: list and read
// them, raise one from another system, acknowledge (ackState) or clear (state) it with PATCH.
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import {
  ALARM_SEVERITIES,
  type AlarmRow,
  acknowledgeAlarm,
  alarmsPage,
  clearAlarm,
  getAlarm,
  raiseAlarm,
} from "@/server/modules/alarms";
import { defineRoute } from "@/server/rest";

const AL = "/tmf-api/alarmManagement/v4/alarm";
const TAG = "TMF642 Alarm Management";
const timestamp = z.iso.datetime({ offset: true });

// The alarm types the platform raises, in TMF642's camelCase (stored as COMMUNICATIONS_ALARM…).
const ALARM_TYPES = ["communicationsAlarm", "equipmentAlarm", "qualityOfServiceAlarm", "processingErrorAlarm"] as const;
const stored = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
const camel = (upper: string) => upper.toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase());
const SEVERITIES = ["critical", "major", "minor", "warning", "indeterminate"] as const;

const alarm = z.object({
  id: z.uuid(),
  href: z.string(),
  alarmType: z.string().describe(ALARM_TYPES.join(", ")),
  perceivedSeverity: z.enum([...SEVERITIES, "cleared"]),
  probableCause: z.string(),
  specificProblem: z.string(),
  state: z.enum(["raised", "cleared"]),
  ackState: z.enum(["acknowledged", "unacknowledged"]),
  ackUserId: z.string().nullable(),
  alarmRaisedTime: timestamp,
  alarmReportingTime: timestamp,
  alarmChangedTime: timestamp,
  alarmClearedTime: timestamp.nullable(),
  alarmedObjectType: z.string(),
  alarmedObject: z.object({ id: z.string(), name: z.string(), "@referredType": z.string() }),
  sourceSystemId: z.string(),
  isRootCause: z.boolean(),
  "@type": z.literal("Alarm"),
});

function present(a: AlarmRow) {
  return {
    id: a.id,
    href: `/api/v1${AL}/${a.id}`,
    alarmType: camel(a.alarmType),
    // A cleared alarm reports severity "cleared", as TMF642 (and X.733) do.
    perceivedSeverity:
      a.state === "CLEARED" ? ("cleared" as const) : SEVERITIES[ALARM_SEVERITIES.indexOf(a.perceivedSeverity)]!,
    probableCause: camel(a.probableCause),
    specificProblem: a.specificProblem,
    state: a.state === "CLEARED" ? ("cleared" as const) : ("raised" as const),
    ackState: a.acknowledgedAt ? ("acknowledged" as const) : ("unacknowledged" as const),
    ackUserId: a.acknowledgedBy,
    alarmRaisedTime: a.raisedAt,
    alarmReportingTime: a.createdAt,
    alarmChangedTime: a.updatedAt,
    alarmClearedTime: a.clearedAt,
    alarmedObjectType: a.alarmedObjectType,
    alarmedObject: { id: a.alarmedObjectId, name: a.alarmedObjectName, "@referredType": a.alarmedObjectType },
    sourceSystemId: a.sourceSystemId,
    isRootCause: false,
    "@type": "Alarm" as const,
  };
}

const createBody = z.object({
  alarmType: z.enum(ALARM_TYPES),
  perceivedSeverity: z.enum(SEVERITIES),
  probableCause: z.string().trim().min(1).max(80).describe("e.g. lossOfSignal, powerProblem"),
  specificProblem: z.string().trim().min(1).max(80).describe("The source's own name for the problem"),
  alarmedObjectType: z.string().trim().min(1).max(40).describe("ONU, OLT, PON_PORT, NAS, …"),
  alarmedObject: z.object({
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  sourceSystemId: z.string().trim().min(1).max(40),
  alarmDetails: z.string().max(2000).optional(),
});

const patchBody = z.object({
  ackState: z.literal("acknowledged").optional().describe("Someone is on it (cannot be undone)"),
  state: z.literal("cleared").optional().describe("The problem is over"),
});

const idParams = z.object({ id: z.uuid() });

export const alarmRoutes = [
  defineRoute({
    method: "GET",
    path: AL,
    tag: TAG,
    summary: "List alarms, newest first",
    permission: "incident.read",
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      state: z.enum(["raised", "cleared"]).optional(),
      perceivedSeverity: z.enum(SEVERITIES).optional(),
      ackState: z.enum(["acknowledged", "unacknowledged"]).optional(),
    }),
    response: z.array(alarm),
    handler: async ({ svc, query }) =>
      (
        await alarmsPage(svc, {
          offset: query.offset,
          limit: query.limit,
          state: query.state === "raised" ? "RAISED" : query.state === "cleared" ? "CLEARED" : undefined,
          severity: query.perceivedSeverity ? ALARM_SEVERITIES[SEVERITIES.indexOf(query.perceivedSeverity)] : undefined,
          acknowledged: query.ackState ? query.ackState === "acknowledged" : undefined,
        })
      ).map(present),
  }),
  defineRoute({
    method: "GET",
    path: `${AL}/{id}`,
    tag: TAG,
    summary: "One alarm",
    permission: "incident.read",
    params: idParams,
    response: alarm,
    handler: async ({ svc, params }) => present(await getAlarm(svc, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: AL,
    tag: TAG,
    summary: "Raise an alarm from another system",
    description:
      "One alarm per alarmed object and specificProblem while it is raised: raising it again answers the raised one. " +
      "Raised alarms take part in incident correlation like the network's own.",
    permission: "incident.manage",
    body: createBody,
    status: 201,
    response: alarm,
    async handler({ svc, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "tmf642.raise", idempotencyKey, body, async () => {
        const { alarm: raised } = await raiseAlarm(svc, {
          alarmType: stored(body.alarmType) as Parameters<typeof raiseAlarm>[1]["alarmType"],
          perceivedSeverity: ALARM_SEVERITIES[SEVERITIES.indexOf(body.perceivedSeverity)]!,
          probableCause: stored(body.probableCause),
          specificProblem: body.specificProblem,
          alarmedObjectType: body.alarmedObjectType,
          alarmedObjectId: body.alarmedObject.id,
          alarmedObjectName: body.alarmedObject.name ?? body.alarmedObject.id,
          sourceSystemId: body.sourceSystemId,
          details: body.alarmDetails ? { alarmDetails: body.alarmDetails } : {},
        });
        return raised.id;
      });
      return present(await getAlarm(svc, id));
    },
  }),
  defineRoute({
    method: "PATCH",
    path: `${AL}/{id}`,
    tag: TAG,
    summary: "Acknowledge or clear an alarm",
    permission: "incident.manage",
    params: idParams,
    body: patchBody,
    response: alarm,
    async handler({ svc, params, body }) {
      const current = await getAlarm(svc, params.id);
      if (body.ackState) await acknowledgeAlarm(svc, params.id);
      if (body.state && current.state === "RAISED") await clearAlarm(svc, current);
      return present(await getAlarm(svc, params.id));
    },
  }),
];
