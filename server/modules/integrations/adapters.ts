// Builds each tenant's adapters from its integration settings: the in-process simulator
// (per tenant), or a real client pointed at the configured system. Clients are cached per
// tenant and settings version.
import { GenieAcsClient } from "@/server/adapters/acs/genieacs";
import type { AcsAdapter } from "@/server/adapters/acs/port";
import { SimulatedAcsAdapter } from "@/server/adapters/acs/simulated";
import { NetBoxClient } from "@/server/adapters/ipam/netbox";
import type { IpamAdapter } from "@/server/adapters/ipam/port";
import { SimulatedIpamAdapter } from "@/server/adapters/ipam/simulated";
import type { ConnectionTest, OltAdapter } from "@/server/adapters/olt/port";
import { SimulatedOltAdapter } from "@/server/adapters/olt/simulated";
import { VolthaClient } from "@/server/adapters/olt/voltha";
import { restoreSimulator } from "@/server/modules/network";
import type { ServiceContext } from "@/server/service-context";
import { simulatorFor } from "@/simulator/network/state";
import type { IntegrationSystem } from "./schemas";
import { type ResolvedIntegration, recordIntegrationTest, resolveIntegration } from "./service";

type Closable = { close?: () => void };
const cache = new Map<string, { version: string; adapter: unknown }>();

function cached<T>(tenantId: string, cfg: ResolvedIntegration, build: () => T): T {
  const key = `${tenantId}/${cfg.system}`;
  const hit = cache.get(key);
  if (hit && hit.version === cfg.version) return hit.adapter as T;
  (hit?.adapter as Closable | undefined)?.close?.();
  const adapter = build();
  cache.set(key, { version: cfg.version, adapter });
  return adapter;
}

export function oltAdapterFrom(tenantId: string, cfg: ResolvedIntegration): OltAdapter {
  if (cfg.mode !== "REAL") return new SimulatedOltAdapter(simulatorFor(tenantId));
  return cached(
    tenantId,
    cfg,
    () =>
      new VolthaClient({
        address: cfg.url!,
        timeoutMs: cfg.options.timeoutMs,
        onosUrl: cfg.options.onosUrl,
        onosUser: cfg.credentials.username,
        onosPassword: cfg.credentials.password,
      }),
  );
}

export function acsAdapterFrom(tenantId: string, cfg: ResolvedIntegration): AcsAdapter {
  if (cfg.mode !== "REAL") return new SimulatedAcsAdapter(simulatorFor(tenantId));
  return cached(
    tenantId,
    cfg,
    () =>
      new GenieAcsClient({
        baseUrl: cfg.url!,
        timeoutMs: cfg.options.timeoutMs,
        username: cfg.credentials.username,
        password: cfg.credentials.password,
      }),
  );
}

/** The external IPAM, or null when the tenant uses the built-in PostgreSQL IPAM. */
export function ipamAdapterFrom(tenantId: string, cfg: ResolvedIntegration): IpamAdapter | null {
  if (cfg.mode === "BUILTIN") return null;
  if (cfg.mode === "SIMULATOR") return new SimulatedIpamAdapter(simulatorFor(tenantId));
  return cached(
    tenantId,
    cfg,
    () =>
      new NetBoxClient({
        baseUrl: cfg.url!,
        token: cfg.credentials.token ?? "",
        timeoutMs: cfg.options.timeoutMs,
        tenantId: cfg.options.netboxTenantId,
      }),
  );
}

export async function oltAdapterFor(svc: ServiceContext) {
  const cfg = await resolveIntegration(svc, "OLT");
  if (cfg.mode !== "REAL") await restoreSimulator(svc, simulatorFor(svc.tenantId));
  return oltAdapterFrom(svc.tenantId, cfg);
}

export async function acsAdapterFor(svc: ServiceContext) {
  const cfg = await resolveIntegration(svc, "ACS");
  if (cfg.mode !== "REAL") await restoreSimulator(svc, simulatorFor(svc.tenantId));
  return acsAdapterFrom(svc.tenantId, cfg);
}

export async function ipamAdapterFor(svc: ServiceContext) {
  return ipamAdapterFrom(svc.tenantId, await resolveIntegration(svc, "IPAM"));
}

/** "Test connection": one cheap read against the configured system; the outcome is stored. */
export async function testIntegration(svc: ServiceContext, system: IntegrationSystem): Promise<ConnectionTest> {
  const cfg = await resolveIntegration(svc, system);
  let result: ConnectionTest;
  try {
    // The simulator answers for the tenant's network only once it is rebuilt from the inventory.
    if (system !== "IPAM" && cfg.mode !== "REAL") await restoreSimulator(svc, simulatorFor(svc.tenantId));
    if (system === "OLT") result = await oltAdapterFrom(svc.tenantId, cfg).testConnection();
    else if (system === "ACS") result = await acsAdapterFrom(svc.tenantId, cfg).testConnection();
    else {
      const ipam = ipamAdapterFrom(svc.tenantId, cfg);
      result = ipam
        ? await ipam.testConnection()
        : { ok: true, message: "Built-in IPAM (PostgreSQL) is always available" };
    }
  } catch (error) {
    result = { ok: false, message: (error as Error).message };
  }
  return recordIntegrationTest(svc, system, result);
}
