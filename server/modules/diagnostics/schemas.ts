// Diagnostics' shapes: what a run asks for, what each check read, and the rules' findings.
import { z } from "zod";

const uuid = z.string().uuid();

export const DIAGNOSTIC_KINDS = ["CHECK", "SPEED_TEST", "PING", "TRACEROUTE"] as const;
export type DiagnosticKindKey = (typeof DIAGNOSTIC_KINDS)[number];

export const runDiagnosticsInput = z.object({
  subscriberId: uuid,
  /** The ticket the result is attached to. */
  ticketId: uuid.optional(),
  kind: z.enum(DIAGNOSTIC_KINDS).default("CHECK"),
  /** What the CPE pings and traces the route to (PING, TRACEROUTE and CHECK). */
  host: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, "A host name or an IP address")
    .optional(),
});
export type RunDiagnosticsInput = z.input<typeof runDiagnosticsInput>;

/** One hop of a trace route: who answered and each try's round trip (0 = no answer). */
export type TraceHop = { host: string; address: string; rttMs: number[]; lost: number };

/** A CPE test (TR-143) as stored: requested, then read once the CPE completed it. */
export type CpeTest =
  | { state: "requested"; requestedAt: string }
  | { state: "failed"; error: string }
  | { state: "complete"; [k: string]: string | number | boolean | null | TraceHop[] };

/** A WiFi client as the CPE reports it (TR-181 AccessPoint.{i}.AssociatedDevice.{i}). */
export type WifiClient = { macAddress: string; signalDbm: number | null; downlinkKbps: number | null };

export type DiagnosticResults = {
  subscriber?: { username: string; planCode: string | null; downloadKbps: number | null; uploadKbps: number | null };
  optics?:
    | { serialNumber: string; rxDbm: number | null; txDbm: number; temperatureC: number; verdict: string }
    | { error: string };
  session?:
    | { online: boolean; framedIp: string | null; nasIp: string | null; startedAt: string | null }
    | {
        error: string;
      };
  cpe?:
    | {
        serialNumber: string;
        firmware: string | null;
        lastInform: string | null;
        wifi: Array<{
          band: string | null;
          channel: number | null;
          clients: number | null;
          enabled: boolean;
          associatedDevices?: WifiClient[];
        }>;
        faults: number;
      }
    | { error: string };
  alarms?: Array<{ problem: string; severity: string; raisedAt: string }> | { error: string };
  usage?: { days: number; downloadBytes: number; uploadBytes: number } | { error: string };
  speedTest?: CpeTest;
  ping?: CpeTest;
  traceroute?: CpeTest;
};

export const FINDING_CAUSES = [
  "los",
  "fibre",
  "session",
  "cpe",
  "alarm",
  "line",
  "latency",
  "route",
  "wifi",
  "in-home",
] as const;
export type Finding = { cause: (typeof FINDING_CAUSES)[number]; title: string; detail: string };
