// Background services the e2e app needs (protocol fakes, simulators, radiusd…). Global setup
// starts each before the app, in order, and passes the env they return to the app's
// process; they are stopped after the run. Add one line per service:
//   { name: "network simulator", start: startNetworkSimulatorForE2e },
import { startAaaForE2e } from "../radius/e2e-service.ts";
import { startDnsForE2e } from "../simulator/dns/e2e-service.ts";
import { startGeocoderForE2e } from "../simulator/geocoding/e2e-service.ts";
import { startInboundEmailForE2e } from "../simulator/inbound-email/e2e-service.ts";
import { startPaymentsForE2e } from "../simulator/payments/e2e-service.ts";
import { startResendForE2e } from "../simulator/resend/e2e-service.ts";

export type E2eContext = {
  /** The fresh database the app uses. */
  databaseUrl: string;
  /** Where the app will answer (e.g. for webhooks a fake sends to it). */
  appUrl: string;
  /** Env collected so far (from earlier services). */
  env: Record<string, string>;
  log: (line: string) => void;
};

export type E2eService = {
  name: string;
  start(ctx: E2eContext): Promise<{ env?: Record<string, string>; stop(): Promise<void> }>;
};

export const E2E_SERVICES: E2eService[] = [
  { name: "FreeRADIUS + BNG simulator", start: startAaaForE2e },
  { name: "payment gateway (fake)", start: startPaymentsForE2e },
  { name: "inbound email provider (fake)", start: startInboundEmailForE2e },
  { name: "geocoder (Nominatim fake)", start: startGeocoderForE2e },
  { name: "email provider (resend fake)", start: startResendForE2e },
  { name: "DNS (fake)", start: startDnsForE2e },
];
