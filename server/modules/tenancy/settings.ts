// The tenant's settings JSON (RADIUS/NAS defaults, email sender), read
// with defaults. Secrets inside are encrypted and never leave the server: readers get
// `has…` flags instead.
import { z } from "zod";
import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto";
import { emailSettingsSchema, portalSettingsSchema, radiusSettingsSchema } from "./schemas";

const storedSchema = z.object({
  radius: radiusSettingsSchema.catch(radiusSettingsSchema.parse({})).default(radiusSettingsSchema.parse({})),
  email: emailSettingsSchema.catch({}).default({}),
  portal: portalSettingsSchema.catch(portalSettingsSchema.parse({})).default(portalSettingsSchema.parse({})),
});

export type TenantSettings = z.infer<typeof storedSchema>;

/** Parses stored settings with defaults for anything missing. Secrets stay encrypted. */
export function readSettings(stored: unknown): TenantSettings {
  const parsed = storedSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : storedSchema.parse({});
}

/** The settings as the browser may see them. */
export function publicSettings(stored: unknown) {
  const s = readSettings(stored);
  const { defaultNasSecret, ...radius } = s.radius;
  const { resendApiKey, ...email } = s.email;
  return {
    radius: { ...radius, hasDefaultNasSecret: Boolean(defaultNasSecret) },
    email: { ...email, hasResendApiKey: Boolean(resendApiKey) },
    portal: s.portal,
  };
}

/** The plaintext default NAS secret (for the RADIUS module), if one is set. */
export function defaultNasSecret(stored: unknown): string | null {
  const secret = readSettings(stored).radius.defaultNasSecret;
  if (!secret) return null;
  return isEncrypted(secret) ? decryptSecret(secret) : secret;
}

/** Write-only secret fields: undefined keeps the stored value, "" clears it, else encrypts. */
function nextSecret(input: string | undefined, stored: string | undefined) {
  if (input === undefined) return stored;
  if (input === "") return undefined;
  return encryptSecret(input);
}

export function mergeSettings(
  stored: unknown,
  input: {
    radius: TenantSettings["radius"];
    email: TenantSettings["email"];
    portal?: TenantSettings["portal"];
  },
): TenantSettings {
  const current = readSettings(stored);
  // Keys other modules keep in settings survive; the retired `integrations` choice (the
  // integrations module holds the real one) does not.
  const { integrations: _retired, ...raw } = (stored ?? {}) as Record<string, unknown>;
  return {
    ...raw,
    radius: {
      ...input.radius,
      defaultNasSecret: nextSecret(input.radius.defaultNasSecret, current.radius.defaultNasSecret),
    },
    email: { ...input.email, resendApiKey: nextSecret(input.email.resendApiKey, current.email.resendApiKey) },
    portal: input.portal ?? current.portal,
  };
}
