// Input validation for tenants and their settings. Messages are shown beside form fields.
import { z } from "zod";
import { readableBrand, unreadableBrandMessage } from "@/lib/contrast";

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string) {
  return CURRENCIES.has(code);
}

export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isLocale(locale: string) {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/** Slugs that would clash with routes or look official. */
const RESERVED_SLUGS = new Set(["admin", "api", "www", "app", "platform", "settings", "portal", "partner", "static"]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "Use lowercase letters, digits and dashes (not at the start or end)")
  .refine((s) => !RESERVED_SLUGS.has(s), "This slug is reserved; choose another");

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, "Not an ISO 4217 currency code (e.g. EUR, USD, KES)");

export const timezoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, "Not a known IANA time zone (e.g. Europe/Berlin, Africa/Nairobi)");

export const localeSchema = z.string().trim().refine(isLocale, "Not a valid locale (e.g. en, en-GB, de-DE)");

const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #0f62fe");

/** The shell puts white text on the primary colour and uses it for links: both must stay readable (WCAG 1.4.3). */
const brandColorSchema = colorSchema.refine(readableBrand, {
  error: (issue) => unreadableBrandMessage(String(issue.input)),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish();

const optionalUrl = z
  .string()
  .trim()
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v) || /^\/\S*$/.test(v), "Use an http(s) URL or a path")
  .transform((v) => v || null)
  .nullish();

const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === "" || z.email().safeParse(v).success, "Not a valid email address")
  .transform((v) => v.toLowerCase() || null)
  .nullish();

export const taxRateSchema = z.object({
  id: z.string().uuid().optional(),
  name: z.string().trim().min(1, "Name the tax rate").max(60),
  /** Percent, e.g. 20 or 7.5 (stored in basis points). */
  percent: z.number().min(0, "Use 0 or more").max(100, "Use at most 100"),
  isDefault: z.boolean().default(false),
});

export const radiusSettingsSchema = z.object({
  nasType: z.string().trim().max(40).default("other"),
  coaPort: z.number().int().min(1).max(65535).default(3799),
  interimIntervalSeconds: z.number().int().min(60, "At least 60 seconds").max(86_400).default(300),
  sessionTimeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(0),
  /** Appended to RADIUS usernames (e.g. "@isp.example"); usernames are unique installation-wide. */
  usernameSuffix: z.string().trim().max(60).default(""),
  /** Write-only: the shared secret new NAS entries start with. Omit to keep, "" to clear. */
  defaultNasSecret: z.string().max(128).optional(),
});

export const emailSettingsSchema = z.object({
  fromAddress: optionalText(200),
  /** Write-only: omit to keep, "" to clear. */
  resendApiKey: z.string().max(200).optional(),
});

/** The subscriber portal's sign-in options. */
export const portalSettingsSchema = z.object({
  /** Subscribers may sign in with a link emailed to them (single use, expiring). */
  magicLink: z.boolean().default(false),
});

/** Everything a tenant admin may edit (and a platform admin sets at creation). */
export const tenantSettingsInput = z.object({
  name: z.string().trim().min(2, "Give the ISP a name").max(100),
  legalName: z.string().trim().min(2, "Enter the legal (company) name").max(200),
  currency: currencySchema,
  timezone: timezoneSchema,
  locale: localeSchema.default("en"),
  billingDay: z.number().int().min(1, "Use a day from 1 to 28").max(28, "Use a day from 1 to 28").default(1),
  invoicePrefix: z
    .string()
    .trim()
    .min(1, "Enter a prefix such as INV-")
    .max(12, "Use at most 12 characters")
    .regex(/^[A-Za-z0-9_/-]+$/, "Use letters, digits, - _ /")
    .default("INV-"),
  pricesIncludeTax: z.boolean().default(false),
  brandName: optionalText(100),
  logoUrl: optionalUrl,
  primaryColor: brandColorSchema.default("#0f62fe"),
  accentColor: colorSchema.default("#24a148"),
  supportEmail: optionalEmail,
  supportPhone: optionalText(40),
  taxRates: z
    .array(taxRateSchema)
    .max(20)
    .default([])
    // The message goes on the repeated name, so the form shows it beside that input.
    .superRefine((rates, ctx) => {
      const seen = new Set<string>();
      rates.forEach((rate, i) => {
        const key = rate.name.toLowerCase();
        if (seen.has(key))
          ctx.addIssue({ code: "custom", path: [i, "name"], message: "Another tax rate has this name" });
        seen.add(key);
      });
    })
    .refine((rates) => rates.filter((r) => r.isDefault).length <= 1, "Mark at most one tax rate as default"),
  radius: radiusSettingsSchema.default(radiusSettingsSchema.parse({})),
  email: emailSettingsSchema.default({}),
  /** Left out: kept as it is. */
  portal: portalSettingsSchema.optional(),
});
export type TenantSettingsInput = z.infer<typeof tenantSettingsInput>;

export const firstAdminSchema = z.object({
  email: z.email("Enter the admin's email address").trim().toLowerCase(),
  name: optionalText(100),
});

export const createTenantInput = tenantSettingsInput.extend({
  slug: slugSchema,
  firstAdmin: firstAdminSchema,
});
export type CreateTenantInput = z.infer<typeof createTenantInput>;

export const tenantIdInput = z.object({ id: z.string().uuid("Not a tenant id") });
