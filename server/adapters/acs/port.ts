// The ACS port: what the platform needs from a TR-069 auto-configuration server (GenieACS NBI).
// Implementations: genieacs.ts (HTTP NBI) and simulated.ts (in-process network simulator).
import type { ConnectionTest } from "@/server/adapters/olt/port";

export type AcsDevice = {
  id: string;
  serialNumber: string;
  oui: string;
  productClass: string;
  manufacturer: string;
  lastInform: Date | null;
  tags: string[];
};

export type ParamValue = { value: string | number | boolean; type: string; writable: boolean; timestamp: Date | null };
export type AcsDeviceDetail = AcsDevice & { parameters: Record<string, ParamValue> };

/**
 * GenieACS answers 200 (done on the CPE) or 202: faulted ("Task faulted"), or queued for the
 * CPE's next session, with the reason ("Task queued but not processed", "Device is offline", …).
 */
export type TaskOutcome = {
  status: "done" | "queued" | "faulted";
  taskId: string | null;
  fault?: string;
  reason?: string;
};

export type AcsPreset = {
  name: string;
  weight: number;
  channel: string;
  events: Record<string, boolean>;
  precondition: string;
  configurations: unknown[];
};
export type AcsFileInfo = {
  name: string;
  fileType: string;
  oui: string;
  productClass: string;
  version: string;
  length: number;
};
export type AcsFaultInfo = {
  id: string;
  device: string;
  channel: string;
  code: string;
  message: string;
  retries: number;
  timestamp: Date;
};

export type DiagnosticKind = "ping" | "download" | "upload" | "traceroute";

export const DIAGNOSTIC_PATHS: Record<DiagnosticKind, string> = {
  ping: "Device.IP.Diagnostics.IPPing",
  traceroute: "Device.IP.Diagnostics.TraceRoute",
  download: "Device.IP.Diagnostics.DownloadDiagnostics",
  upload: "Device.IP.Diagnostics.UploadDiagnostics",
};

export interface AcsAdapter {
  readonly kind: "genieacs" | "simulator";
  listDevices(input: { serialNumber?: string; search?: string; skip?: number; limit?: number }): Promise<{
    rows: AcsDevice[];
    total: number;
  }>;
  getDevice(id: string): Promise<AcsDeviceDetail>;
  /** A page of devices with the values of `names` as last read (the NBI's projection; no CPE contact). */
  listDeviceValues(
    names: string[],
    page: { skip: number; limit: number },
  ): Promise<{
    rows: Array<{ id: string; serialNumber: string; values: Record<string, string | number | boolean> }>;
    total: number;
  }>;
  /** getParameterValues with connection request; returns the values read. */
  getParameters(id: string, names: string[]): Promise<{ outcome: TaskOutcome; values: Record<string, ParamValue> }>;
  setParameters(id: string, values: [string, string | number | boolean, string][]): Promise<TaskOutcome>;
  refresh(id: string, objectName: string): Promise<TaskOutcome>;
  reboot(id: string): Promise<TaskOutcome>;
  factoryReset(id: string): Promise<TaskOutcome>;
  downloadFirmware(id: string, fileName: string): Promise<TaskOutcome>;
  /** Sets the inputs and DiagnosticsState=Requested; read the result with readDiagnostic. */
  startDiagnostic(id: string, kind: DiagnosticKind, input: Record<string, string | number>): Promise<TaskOutcome>;
  readDiagnostic(
    id: string,
    kind: DiagnosticKind,
  ): Promise<{ state: string; results: Record<string, string | number | boolean> }>;
  listPresets(): Promise<AcsPreset[]>;
  putPreset(preset: AcsPreset): Promise<void>;
  deletePreset(name: string): Promise<void>;
  listFiles(): Promise<AcsFileInfo[]>;
  putFile(file: Omit<AcsFileInfo, "length">, content: Uint8Array): Promise<void>;
  listFaults(deviceId?: string): Promise<AcsFaultInfo[]>;
  deleteTask(taskId: string): Promise<void>;
  retryTask(taskId: string): Promise<void>;
  testConnection(): Promise<ConnectionTest>;
}
