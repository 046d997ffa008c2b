import { z } from "zod";

export const INTEGRATION_SYSTEMS = ["OLT", "ACS", "IPAM"] as const;
export type IntegrationSystem = (typeof INTEGRATION_SYSTEMS)[number];

/**
 * SIMULATOR = the built-in network simulator; REAL = the external system at `url`; BUILTIN =
 * PostgreSQL IPAM. A system never configured is NONE in production (server/adapters/compose.ts).
 */
export const INTEGRATION_MODES: Record<IntegrationSystem, readonly string[]> = {
  OLT: ["SIMULATOR", "REAL"],
  ACS: ["SIMULATOR", "REAL"],
  IPAM: ["BUILTIN", "SIMULATOR", "REAL"],
};

export const SYSTEM_LABEL: Record<IntegrationSystem, string> = {
  OLT: "VOLTHA (OLT / PON)",
  ACS: "GenieACS (CPE / TR-069)",
  IPAM: "IP address management (built-in or NetBox)",
};

export const integrationSystem = z.enum(INTEGRATION_SYSTEMS);

export const credentialsSchema = z.object({
  token: z.string().max(500).optional(),
  username: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
});
export type IntegrationCredentials = z.infer<typeof credentialsSchema>;

export const saveIntegrationInput = z.object({
  system: integrationSystem,
  mode: z.enum(["SIMULATOR", "REAL", "BUILTIN"]),
  url: z.string().trim().max(500).optional().nullable(),
  /** Omitted = keep the stored credentials; null = remove them. */
  credentials: credentialsSchema.optional().nullable(),
  options: z
    .object({
      timeoutMs: z.number().int().min(100).max(120_000).optional(),
      onosUrl: z.string().max(500).optional(),
      netboxTenantId: z.number().int().optional(),
    })
    .optional(),
});
export type SaveIntegrationInput = z.infer<typeof saveIntegrationInput>;
