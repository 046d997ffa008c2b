// Alarm shapes (TMF642 vocabulary) shared by the router, the REST handlers and the pages.
import { z } from "zod";
import { listInput } from "@/server/list";

export const ALARM_SEVERITIES = ["CRITICAL", "MAJOR", "MINOR", "WARNING", "INDETERMINATE"] as const;
export const ALARM_STATES = ["RAISED", "CLEARED"] as const;

export const listAlarmsInput = listInput;

export const alarmIdInput = z.object({ id: z.string().uuid() });

/** An alarm from a source other than the OLT event log (NAS, RADIUS, an integration, a rule). */
export const raiseAlarmInput = z.object({
  alarmType: z.enum(["COMMUNICATIONS_ALARM", "EQUIPMENT_ALARM", "QUALITY_OF_SERVICE_ALARM", "PROCESSING_ERROR_ALARM"]),
  probableCause: z.string().min(1).max(80),
  specificProblem: z.string().min(1).max(80),
  perceivedSeverity: z.enum(ALARM_SEVERITIES),
  alarmedObjectType: z.string().min(1).max(40),
  alarmedObjectId: z.string().min(1).max(200),
  alarmedObjectName: z.string().min(1).max(200),
  sourceSystemId: z.string().min(1).max(40),
  upstream: z.array(z.string()).default([]),
  details: z.record(z.string(), z.unknown()).default({}),
  /** The source's id of the raising event (e.g. a NAS reload): the same event raises once, ever. */
  eventId: z.string().min(1).max(200).optional(),
});
export type RaiseAlarmInput = z.input<typeof raiseAlarmInput>;
