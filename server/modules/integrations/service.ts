// Per tenant and external system: simulator, built-in, or the real system at a URL with
// credentials stored encrypted. Secrets never leave this module except to build a client.
import { defaultIntegrationMode, type IntegrationSettings } from "@/server/adapters/compose";
import { decryptSecret, encryptSecret } from "@/server/crypto";
import { invalid } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import { assertAllowedDestination, assertAllowedUrl, OutboundRefused } from "@/server/outbound-http";
import type { ServiceContext } from "@/server/service-context";
import {
  INTEGRATION_MODES,
  INTEGRATION_SYSTEMS,
  type IntegrationCredentials,
  type IntegrationSystem,
  type SaveIntegrationInput,
  SYSTEM_LABEL,
} from "./schemas";

type IntegrationOptions = IntegrationSettings["options"];

/** What the composition root builds the tenant's adapter from (secrets decrypted). */
export async function resolveIntegration(svc: ServiceContext, system: IntegrationSystem): Promise<IntegrationSettings> {
  const row = await svc.db.integrationConfig.findFirst({ where: { system } });
  if (!row)
    return {
      system,
      mode: defaultIntegrationMode(system),
      url: null,
      credentials: {},
      options: {},
      version: "default",
    };
  return {
    system,
    mode: row.mode as IntegrationSettings["mode"],
    url: row.url,
    credentials: row.credentialsEncrypted
      ? (JSON.parse(decryptSecret(row.credentialsEncrypted)) as IntegrationCredentials)
      : {},
    options: (row.options ?? {}) as IntegrationOptions,
    version: row.updatedAt.toISOString(),
  };
}

/** The settings page's view: no secrets, only whether some are stored. */
export async function listIntegrations(svc: ServiceContext) {
  const rows = await svc.db.integrationConfig.findMany();
  return INTEGRATION_SYSTEMS.map((system) => {
    const row = rows.find((r) => r.system === system);
    return {
      system,
      label: SYSTEM_LABEL[system],
      modes: INTEGRATION_MODES[system],
      mode: row?.mode ?? defaultIntegrationMode(system),
      url: row?.url ?? null,
      hasCredentials: Boolean(row?.credentialsEncrypted),
      options: (row?.options ?? {}) as IntegrationOptions,
      lastTestAt: row?.lastTestAt ?? null,
      lastTestOk: row?.lastTestOk ?? null,
      lastTestMessage: row?.lastTestMessage ?? null,
    };
  });
}

/**
 * Per system, whether it is healthy as far as we know: 0 when its last connection test failed,
 * else 1 (the built-in and simulated systems, and real ones that passed or were never tested),
 * with the test's message (monitoring's integration alarm shows it).
 */
export async function integrationHealth(svc: ServiceContext) {
  const rows = await svc.db.integrationConfig.findMany({
    select: { system: true, lastTestOk: true, lastTestMessage: true },
  });
  return INTEGRATION_SYSTEMS.map((system) => {
    const row = rows.find((r) => r.system === system);
    return {
      system,
      label: SYSTEM_LABEL[system],
      up: row?.lastTestOk === false ? 0 : 1,
      message: row?.lastTestMessage ?? null,
    };
  });
}

/**
 * Refuses an address that is, or resolves to, a private or reserved destination (SSRF; issue
 * #11.6). A name that does not resolve from here is accepted: it is checked again whenever a
 * client connects (server/outbound-http.ts).
 */
async function refuseInternalDestination(address: string, field: string) {
  try {
    const url = new URL(address);
    assertAllowedUrl(url);
    await assertAllowedDestination(url.hostname);
  } catch (error) {
    if (error instanceof OutboundRefused) throw invalid(error.message, { field });
    if (error instanceof TypeError) throw invalid(`"${address}" is not a valid address`, { field });
  }
}

export async function saveIntegration(svc: ServiceContext, input: SaveIntegrationInput) {
  if (!INTEGRATION_MODES[input.system].includes(input.mode))
    throw invalid(`${SYSTEM_LABEL[input.system]} cannot run in ${input.mode} mode`);
  if (input.mode === "REAL") {
    if (!input.url) throw invalid("Enter the URL of the real system (for VOLTHA: host:port of its gRPC API)");
    if (input.system !== "OLT" && !/^https?:\/\//.test(input.url))
      throw invalid("The URL must start with http:// or https://");
    await refuseInternalDestination(
      input.system === "OLT" ? `http://${input.url.replace(/^grpc:\/\//, "")}` : input.url,
      "url",
    );
    if (input.options?.onosUrl) await refuseInternalDestination(input.options.onosUrl, "onosUrl");
  }
  if (input.system === "IPAM" && input.mode === "REAL" && !input.credentials?.token) {
    const existing = await svc.db.integrationConfig.findFirst({ where: { system: "IPAM" } });
    if (!existing?.credentialsEncrypted || input.credentials === null)
      throw invalid("NetBox needs an API token (Admin → API tokens in NetBox)");
  }
  return svc.db.$transaction(async (tx) => {
    const before = await tx.integrationConfig.findFirst({ where: { system: input.system } });
    const credentialsEncrypted =
      input.credentials === undefined
        ? (before?.credentialsEncrypted ?? null)
        : input.credentials === null
          ? null
          : encryptSecret(JSON.stringify(input.credentials));
    const data = {
      mode: input.mode,
      url: input.url ?? null,
      credentialsEncrypted,
      options: (input.options ?? {}) as Prisma.InputJsonValue,
      lastTestAt: null,
      lastTestOk: null,
      lastTestMessage: null,
    };
    const saved = before
      ? await tx.integrationConfig.update({ where: { id: before.id }, data })
      : await tx.integrationConfig.create({ data: { tenantId: svc.tenantId, system: input.system, ...data } });
    const visible = (r: typeof saved | null) =>
      r && { mode: r.mode, url: r.url, options: r.options, hasCredentials: Boolean(r.credentialsEncrypted) };
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "integration.save",
      targetType: "IntegrationConfig",
      targetId: saved.id,
      before: visible(before),
      after: visible(saved),
    });
    return { system: input.system, mode: saved.mode };
  });
}

export async function recordIntegrationTest(
  svc: ServiceContext,
  system: IntegrationSystem,
  result: { ok: boolean; message: string },
) {
  const row = await svc.db.integrationConfig.findFirst({ where: { system } });
  const data = { lastTestAt: new Date(), lastTestOk: result.ok, lastTestMessage: result.message.slice(0, 500) };
  if (row) await svc.db.integrationConfig.update({ where: { id: row.id }, data });
  else
    await svc.db.integrationConfig.create({
      data: { tenantId: svc.tenantId, system, mode: defaultIntegrationMode(system), ...data },
    });
  return result;
}

/** Chooses the built-in simulator for a system the tenant never configured (the demo tenant). */
export async function chooseSimulatorIfUnset(svc: ServiceContext, system: "OLT" | "ACS") {
  if (await svc.db.integrationConfig.findFirst({ where: { system } })) return;
  await saveIntegration(svc, { system, mode: "SIMULATOR" });
}
