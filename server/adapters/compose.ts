// The composition root: the one place that picks, per tenant, the implementation behind each
// port — the real client at the address the tenant configured, or the simulator (simulator/)
// when the tenant chose it. Outside production a tenant that configured nothing runs on the
// simulator (demo, development, tests); in production it is told the system is not
// configured. Modules pass the tenant's settings in; this file reads no table and imports no
// module, and it is the only production file that imports simulator/.
import { env } from "@/server/env";
import { unavailable } from "@/server/errors";
import { SimulatedAcsAdapter } from "@/simulator/adapters/acs";
import { SimulatedIpamAdapter } from "@/simulator/adapters/ipam";
import { SimulatedNetworkControl } from "@/simulator/adapters/network";
import { SimulatedOltAdapter } from "@/simulator/adapters/olt";
import { SimulatedGeocoder } from "@/simulator/geocoding/addresses";
import { simulatorFor } from "@/simulator/network/state";
import { type FakeGateway, startFakeGateway } from "@/simulator/payments/server";
import { SimulatedSmsSender } from "@/simulator/sms/sender";
import { GenieAcsClient } from "./acs/genieacs";
import type { AcsAdapter } from "./acs/port";
import { HttpGeocoder } from "./geocoding/nominatim";
import type { Geocoder } from "./geocoding/port";
import { NetBoxClient } from "./ipam/netbox";
import type { IpamAdapter } from "./ipam/port";
import type { OltAdapter } from "./olt/port";
import { VolthaClient } from "./olt/voltha";
import { type PaymentGateway, StripeGateway } from "./payments";
import type { SimulatedNetwork } from "./simulated-network";
import { type SmsSender, smsAccountFor, type TenantSmsSettings, TwilioSmsSender } from "./sms";

export type IntegrationSystem = "OLT" | "ACS" | "IPAM";
/** SIMULATOR = the built-in simulator; REAL = the system at `url`; BUILTIN = PostgreSQL IPAM; NONE = not configured. */
export type IntegrationMode = "SIMULATOR" | "REAL" | "BUILTIN" | "NONE";

/** A tenant's settings for one system, secrets decrypted (integrations module). */
export type IntegrationSettings = {
  system: IntegrationSystem;
  mode: IntegrationMode;
  url: string | null;
  credentials: { token?: string; username?: string; password?: string };
  options: { timeoutMs?: number; onosUrl?: string; netboxTenantId?: number };
  /** Changes whenever the settings change: a cached client is rebuilt. */
  version: string;
};

const LABEL: Record<IntegrationSystem, string> = {
  OLT: "The OLT system (VOLTHA)",
  ACS: "The ACS (GenieACS)",
  IPAM: "IPAM",
};

/** The mode of a system the tenant never configured. */
export function defaultIntegrationMode(system: IntegrationSystem): IntegrationMode {
  if (system === "IPAM") return "BUILTIN";
  return process.env.NODE_ENV === "production" ? "NONE" : "SIMULATOR";
}

function notConfigured(system: IntegrationSystem) {
  return unavailable(
    `${LABEL[system]} is not configured: choose the real system or the built-in simulator in NOC → Integrations`,
  );
}

type Closable = { close?: () => void };
const cache = new Map<string, { version: string; adapter: unknown }>();

function cached<T>(tenantId: string, cfg: IntegrationSettings, build: () => T): T {
  const key = `${tenantId}/${cfg.system}`;
  const hit = cache.get(key);
  if (hit && hit.version === cfg.version) return hit.adapter as T;
  (hit?.adapter as Closable | undefined)?.close?.();
  const adapter = build();
  cache.set(key, { version: cfg.version, adapter });
  return adapter;
}

export function oltAdapter(tenantId: string, cfg: IntegrationSettings): OltAdapter {
  if (cfg.mode === "SIMULATOR") return new SimulatedOltAdapter(simulatorFor(tenantId));
  if (cfg.mode !== "REAL") throw notConfigured("OLT");
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

export function acsAdapter(tenantId: string, cfg: IntegrationSettings): AcsAdapter {
  if (cfg.mode === "SIMULATOR") return new SimulatedAcsAdapter(simulatorFor(tenantId));
  if (cfg.mode !== "REAL") throw notConfigured("ACS");
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
export function ipamAdapter(tenantId: string, cfg: IntegrationSettings): IpamAdapter | null {
  if (cfg.mode === "BUILTIN") return null;
  if (cfg.mode === "SIMULATOR") return new SimulatedIpamAdapter(simulatorFor(tenantId));
  if (cfg.mode !== "REAL") throw notConfigured("IPAM");
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

/** The tenant's simulated network itself (only for tenants whose OLT runs on the simulator). */
export function simulatedNetwork(tenantId: string, olt: IntegrationSettings): SimulatedNetwork | null {
  return olt.mode === "SIMULATOR" ? new SimulatedNetworkControl(simulatorFor(tenantId)) : null;
}

/** A Stripe-compatible gateway's settings (secrets decrypted). */
export type GatewaySettings = { baseUrl: string; secretKey: string; webhookSecret: string };

const g = globalThis as unknown as { fiberopsFakeGateway?: Promise<FakeGateway> };

/** The fake gateway inside this process (demo and development); its webhooks go to this app. */
function embeddedFakeGateway(): Promise<FakeGateway> {
  g.fiberopsFakeGateway ??= startFakeGateway({
    port: Number(process.env.FAKE_GATEWAY_PORT ?? 0),
    webhookUrl: `${(process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "")}/api/webhooks/payments`,
  });
  return g.fiberopsFakeGateway;
}

/**
 * The tenant's own gateway, else the installation's (PAYMENTS_BASE_URL, PAYMENTS_SECRET_KEY,
 * PAYMENTS_WEBHOOK_SECRET), else — outside production, or with FIBEROPS_FAKE_GATEWAY=1 — the
 * fake gateway of simulator/payments started inside this process.
 */
export async function paymentGateway(tenant: GatewaySettings | null): Promise<PaymentGateway> {
  if (tenant) return new StripeGateway(tenant);
  const env = process.env;
  if (env.PAYMENTS_SECRET_KEY && env.PAYMENTS_WEBHOOK_SECRET)
    return new StripeGateway({
      baseUrl: env.PAYMENTS_BASE_URL ?? "https://api.stripe.com",
      secretKey: env.PAYMENTS_SECRET_KEY,
      webhookSecret: env.PAYMENTS_WEBHOOK_SECRET,
    });
  if (env.NODE_ENV === "production" && env.FIBEROPS_FAKE_GATEWAY !== "1")
    throw unavailable("Card payments are not configured: set the payment gateway in Settings → Integrations");
  const fake = await embeddedFakeGateway();
  return new StripeGateway({ baseUrl: fake.url, secretKey: fake.secretKey, webhookSecret: fake.webhookSecret });
}

const simulatedGeocoder = new SimulatedGeocoder();

/**
 * The installation's geocoder: the Nominatim or Photon server at GEOCODER_URL, else the simulated
 * one with the demo's address set — outside production, or with FIBEROPS_FAKE_GEOCODER=1 (set by
 * `npm run demo`/`dev`).
 */
export function geocoder(): Geocoder {
  const { GEOCODER_URL, GEOCODER_KIND, GEOCODER_USER_AGENT } = env();
  if (GEOCODER_URL)
    return new HttpGeocoder({ baseUrl: GEOCODER_URL, kind: GEOCODER_KIND, userAgent: GEOCODER_USER_AGENT });
  if (process.env.NODE_ENV === "production" && process.env.FIBEROPS_FAKE_GEOCODER !== "1")
    throw unavailable("Address lookup is not configured: set GEOCODER_URL to a Nominatim or Photon server");
  return simulatedGeocoder;
}

const simulatedSms = new SimulatedSmsSender();

/** What a tenant with no SMS provider gets in production: every message fails, saying why. */
const smsNotConfigured: SmsSender = {
  name: "none",
  idempotent: true,
  async send() {
    return {
      ok: false,
      error: "SMS is not configured: set the tenant's Twilio account (or the installation's TWILIO_* variables)",
      retryable: false,
    };
  },
};

/**
 * A tenant's SMS sender: the simulator where the tenant chose it (settings.sms.provider
 * "simulator"); else its Twilio-compatible account (else the installation's); else, outside
 * production, the simulator; else "not configured".
 */
export function smsSender(settings: TenantSmsSettings | null | undefined): SmsSender {
  if (settings?.sms?.provider === "simulator") return simulatedSms;
  const account = smsAccountFor(settings);
  // A custom base URL is our simulator or a compatible provider that honours the idempotency header.
  if (account) return new TwilioSmsSender(account, { idempotent: process.env.TWILIO_IDEMPOTENT === "true" });
  return process.env.NODE_ENV === "production" ? smsNotConfigured : simulatedSms;
}
