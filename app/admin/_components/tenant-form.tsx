"use client";
// The tenant settings form: used by platform staff to create a tenant (with slug and first
// admin) and by tenant admins at /settings. Errors from the server appear beside each field.
import type { ReactNode } from "react";
import { Button, Card, Checkbox, Field, FormActions, Input, Select } from "@/components/ui";

export type TaxRateDraft = { id?: string; name: string; percent: string; isDefault: boolean };

export type TenantDraft = {
  name: string;
  legalName: string;
  currency: string;
  timezone: string;
  locale: string;
  billingDay: string;
  invoicePrefix: string;
  pricesIncludeTax: boolean;
  brandName: string;
  logoUrl: string;
  primaryColor: string;
  accentColor: string;
  supportEmail: string;
  supportPhone: string;
  taxRates: TaxRateDraft[];
  radius: {
    nasType: string;
    coaPort: string;
    interimIntervalSeconds: string;
    sessionTimeoutSeconds: string;
    usernameSuffix: string;
    defaultNasSecret: string;
  };
  email: { fromAddress: string; resendApiKey: string };
  portal: { magicLink: boolean };
};

export const EMPTY_TENANT: TenantDraft = {
  name: "",
  legalName: "",
  currency: "EUR",
  timezone: "UTC",
  locale: "en",
  billingDay: "1",
  invoicePrefix: "INV-",
  pricesIncludeTax: false,
  brandName: "",
  logoUrl: "",
  primaryColor: "#0f62fe",
  accentColor: "#24a148",
  supportEmail: "",
  supportPhone: "",
  taxRates: [],
  radius: {
    nasType: "other",
    coaPort: "3799",
    interimIntervalSeconds: "300",
    sessionTimeoutSeconds: "0",
    usernameSuffix: "",
    defaultNasSecret: "",
  },
  email: { fromAddress: "", resendApiKey: "" },
  portal: { magicLink: false },
};

type TenantView = {
  name: string;
  legalName: string;
  currency: string;
  timezone: string;
  locale: string;
  billingDay: number;
  invoicePrefix: string;
  pricesIncludeTax: boolean;
  brandName: string | null;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
  taxRates: Array<{ id: string; name: string; percent: number; isDefault: boolean }>;
  settings: {
    radius: {
      nasType: string;
      coaPort: number;
      interimIntervalSeconds: number;
      sessionTimeoutSeconds: number;
      usernameSuffix: string;
    };
    email: { fromAddress?: string | null };
    portal: { magicLink: boolean };
  };
};

/** A draft from the tenant as the server returns it (secrets stay blank = unchanged). */
export function draftFromTenant(t: TenantView): TenantDraft {
  return {
    name: t.name,
    legalName: t.legalName,
    currency: t.currency,
    timezone: t.timezone,
    locale: t.locale,
    billingDay: String(t.billingDay),
    invoicePrefix: t.invoicePrefix,
    pricesIncludeTax: t.pricesIncludeTax,
    brandName: t.brandName ?? "",
    logoUrl: t.logoUrl ?? "",
    primaryColor: t.primaryColor,
    accentColor: t.accentColor,
    supportEmail: t.supportEmail ?? "",
    supportPhone: t.supportPhone ?? "",
    taxRates: t.taxRates.map((r) => ({ id: r.id, name: r.name, percent: String(r.percent), isDefault: r.isDefault })),
    radius: {
      nasType: t.settings.radius.nasType,
      coaPort: String(t.settings.radius.coaPort),
      interimIntervalSeconds: String(t.settings.radius.interimIntervalSeconds),
      sessionTimeoutSeconds: String(t.settings.radius.sessionTimeoutSeconds),
      usernameSuffix: t.settings.radius.usernameSuffix,
      defaultNasSecret: "",
    },
    email: { fromAddress: t.settings.email.fromAddress ?? "", resendApiKey: "" },
    portal: t.settings.portal,
  };
}

const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

/** The procedure input from a draft. Blank secret fields are left out (kept as they are). */
export function tenantInputFromDraft(d: TenantDraft) {
  return {
    name: d.name,
    legalName: d.legalName,
    currency: d.currency,
    timezone: d.timezone,
    locale: d.locale,
    billingDay: num(d.billingDay),
    invoicePrefix: d.invoicePrefix,
    pricesIncludeTax: d.pricesIncludeTax,
    brandName: d.brandName,
    logoUrl: d.logoUrl,
    primaryColor: d.primaryColor,
    accentColor: d.accentColor,
    supportEmail: d.supportEmail,
    supportPhone: d.supportPhone,
    taxRates: d.taxRates.map((r) => ({ id: r.id, name: r.name, percent: num(r.percent), isDefault: r.isDefault })),
    radius: {
      nasType: d.radius.nasType,
      coaPort: num(d.radius.coaPort),
      interimIntervalSeconds: num(d.radius.interimIntervalSeconds),
      sessionTimeoutSeconds: num(d.radius.sessionTimeoutSeconds),
      usernameSuffix: d.radius.usernameSuffix,
      ...(d.radius.defaultNasSecret ? { defaultNasSecret: d.radius.defaultNasSecret } : {}),
    },
    email: {
      fromAddress: d.email.fromAddress,
      ...(d.email.resendApiKey ? { resendApiKey: d.email.resendApiKey } : {}),
    },
    portal: d.portal,
  };
}

const CURRENCIES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : [];
const TIMEZONES = typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone")] : [];

/**
 * A group's own message (e.g. "Mark at most one tax rate as default"), when no message names one
 * of its fields: those are shown beside their inputs instead.
 */
function listError(errors: Record<string, string | undefined>, group: string) {
  const nested = Object.keys(errors).some((key) => key.startsWith(`${group}.`) && errors[key]);
  return nested ? undefined : errors[group];
}

export function TenantSettingsFields({
  draft,
  onChange,
  errors,
  hasSecrets,
  readOnly,
}: {
  draft: TenantDraft;
  onChange: (next: TenantDraft) => void;
  errors: Record<string, string | undefined>;
  hasSecrets?: { resendApiKey: boolean; defaultNasSecret: boolean };
  readOnly?: boolean;
}) {
  const set = <K extends keyof TenantDraft>(key: K, value: TenantDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (key: keyof TenantDraft) => ({
    value: draft[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    disabled: readOnly,
  });
  const setRate = (i: number, patch: Partial<TaxRateDraft>) =>
    set(
      "taxRates",
      draft.taxRates.map((r, j) => (j === i ? { ...r, ...patch } : patch.isDefault ? { ...r, isDefault: false } : r)),
    );
  return (
    <>
      <Card title="Company">
        <div className="form-grid">
          <Field label="Display name" required error={errors.name}>
            <Input name="name" {...text("name")} />
          </Field>
          <Field label="Legal name" required error={errors.legalName} hint="Printed on invoices">
            <Input name="legalName" {...text("legalName")} />
          </Field>
          <Field label="Currency" required error={errors.currency} hint="ISO 4217 code, e.g. EUR, USD, KES">
            <Input name="currency" list="currency-codes" maxLength={3} {...text("currency")} />
          </Field>
          <Field label="Time zone" required error={errors.timezone} hint="IANA name, e.g. Europe/Berlin">
            <Input name="timezone" list="time-zones" {...text("timezone")} />
          </Field>
          <Field label="Locale" error={errors.locale} hint="e.g. en, en-GB, de-DE">
            <Input name="locale" {...text("locale")} />
          </Field>
          <Field label="Billing day" error={errors.billingDay} hint="Day of the month invoices are issued (1–28)">
            <Input name="billingDay" type="number" min={1} max={28} {...text("billingDay")} />
          </Field>
          <Field label="Invoice number prefix" error={errors.invoicePrefix}>
            <Input name="invoicePrefix" {...text("invoicePrefix")} />
          </Field>
        </div>
        <Checkbox
          label="Catalogue prices include tax"
          checked={draft.pricesIncludeTax}
          disabled={readOnly}
          onChange={(e) => set("pricesIncludeTax", e.target.checked)}
        />
        <datalist id="currency-codes">
          {CURRENCIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="time-zones">
          {TIMEZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Card>

      <Card
        title="Tax rates"
        actions={
          readOnly ? null : (
            <Button
              size="sm"
              onClick={() =>
                set("taxRates", [...draft.taxRates, { name: "", percent: "", isDefault: draft.taxRates.length === 0 }])
              }
            >
              Add tax rate
            </Button>
          )
        }
      >
        {listError(errors, "taxRates") ? <p className="field-error">{listError(errors, "taxRates")}</p> : null}
        {draft.taxRates.length === 0 ? (
          <p className="muted">No tax rates. Invoices will carry no tax until you add one.</p>
        ) : (
          <div className="stack-sm">
            {draft.taxRates.map((rate, i) => (
              <div className="row" key={rate.id ?? `new-${i}`}>
                <Field label="Name" className="grow" required error={errors[`taxRates.${i}.name`]}>
                  <Input
                    aria-label={`Tax rate ${i + 1} name`}
                    value={rate.name}
                    disabled={readOnly}
                    onChange={(e) => setRate(i, { name: e.target.value })}
                  />
                </Field>
                <Field label="Rate (%)" required error={errors[`taxRates.${i}.percent`]}>
                  <Input
                    aria-label={`Tax rate ${i + 1} percent`}
                    type="number"
                    step="0.01"
                    min={0}
                    max={100}
                    value={rate.percent}
                    disabled={readOnly}
                    onChange={(e) => setRate(i, { percent: e.target.value })}
                  />
                </Field>
                <Checkbox
                  label="Default"
                  checked={rate.isDefault}
                  disabled={readOnly}
                  onChange={(e) => setRate(i, { isDefault: e.target.checked })}
                />
                {readOnly ? null : (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      set(
                        "taxRates",
                        draft.taxRates.filter((_, j) => j !== i),
                      )
                    }
                  >
                    Remove
                  </Button>
                )}
              </div>
            ))}
          </div>
        )}
      </Card>

      <Card title="Branding and support">
        <div className="form-grid">
          <Field label="Brand name" error={errors.brandName} hint="Shown to subscribers; defaults to the display name">
            <Input name="brandName" {...text("brandName")} />
          </Field>
          <Field label="Logo URL" error={errors.logoUrl}>
            <Input name="logoUrl" placeholder="https://…" {...text("logoUrl")} />
          </Field>
          <Field label="Primary colour" error={errors.primaryColor}>
            <Input name="primaryColor" type="color" {...text("primaryColor")} />
          </Field>
          <Field label="Accent colour" error={errors.accentColor}>
            <Input name="accentColor" type="color" {...text("accentColor")} />
          </Field>
          <Field label="Support email" error={errors.supportEmail}>
            <Input name="supportEmail" type="email" {...text("supportEmail")} />
          </Field>
          <Field label="Support phone" error={errors.supportPhone}>
            <Input name="supportPhone" {...text("supportPhone")} />
          </Field>
        </div>
      </Card>

      <Card title="RADIUS and NAS defaults">
        {listError(errors, "radius") ? <p className="field-error">{listError(errors, "radius")}</p> : null}
        <div className="form-grid">
          <Field label="NAS type" error={errors["radius.nasType"]}>
            <Input
              value={draft.radius.nasType}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, nasType: e.target.value })}
            />
          </Field>
          <Field label="CoA/DM port" error={errors["radius.coaPort"]}>
            <Input
              type="number"
              value={draft.radius.coaPort}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, coaPort: e.target.value })}
            />
          </Field>
          <Field label="Interim update interval (s)" error={errors["radius.interimIntervalSeconds"]}>
            <Input
              type="number"
              value={draft.radius.interimIntervalSeconds}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, interimIntervalSeconds: e.target.value })}
            />
          </Field>
          <Field label="Session timeout (s, 0 = none)" error={errors["radius.sessionTimeoutSeconds"]}>
            <Input
              type="number"
              value={draft.radius.sessionTimeoutSeconds}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, sessionTimeoutSeconds: e.target.value })}
            />
          </Field>
          <Field
            label="Username suffix"
            error={errors["radius.usernameSuffix"]}
            hint="e.g. @isp.example — RADIUS usernames are unique installation-wide"
          >
            <Input
              value={draft.radius.usernameSuffix}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, usernameSuffix: e.target.value })}
            />
          </Field>
          <Field
            label="Default NAS shared secret"
            error={errors["radius.defaultNasSecret"]}
            hint={hasSecrets?.defaultNasSecret ? "A secret is set; leave blank to keep it" : "Leave blank for none"}
          >
            <Input
              type="password"
              autoComplete="new-password"
              value={draft.radius.defaultNasSecret}
              disabled={readOnly}
              onChange={(e) => set("radius", { ...draft.radius, defaultNasSecret: e.target.value })}
            />
          </Field>
        </div>
      </Card>

      <Card title="Email">
        <div className="form-grid">
          <Field
            label="Sender address"
            error={errors["email.fromAddress"] ?? listError(errors, "email")}
            hint='e.g. "Acme Fiber <billing@acme.example>"'
          >
            <Input
              value={draft.email.fromAddress}
              disabled={readOnly}
              onChange={(e) => set("email", { ...draft.email, fromAddress: e.target.value })}
            />
          </Field>
          <Field
            label="resend API key"
            error={errors["email.resendApiKey"]}
            hint={
              hasSecrets?.resendApiKey
                ? "A key is set; leave blank to keep it"
                : "Without a key, email stays in the outbox"
            }
          >
            <Input
              type="password"
              autoComplete="off"
              value={draft.email.resendApiKey}
              disabled={readOnly}
              onChange={(e) => set("email", { ...draft.email, resendApiKey: e.target.value })}
            />
          </Field>
        </div>
      </Card>

      <Card title="Subscriber portal">
        <Checkbox
          label="Subscribers may sign in with a link emailed to them (it works once and expires in 15 minutes)"
          checked={draft.portal.magicLink}
          disabled={readOnly}
          onChange={(e) => set("portal", { magicLink: e.target.checked })}
        />
      </Card>
    </>
  );
}

export function FormFooter({ children }: { children: ReactNode }) {
  return <FormActions>{children}</FormActions>;
}
