"use client";
// Shared UI primitives. Styles live in app/globals.css (classes documented at its top).
//
//   <PageHeader title="Subscribers" description="…" actions={<ButtonLink href="…">New</ButtonLink>} />
//   <Card title="Details" actions={…}>…</Card>
//   <Field label="Email" error={errors.email} hint="…"><Input name="email" /></Field>
//   <Badge tone="success">Active</Badge>   <Badge tone={statusTone(s.status)}>{s.status}</Badge>
//   <Money amount={1999} currency="EUR" />  <DateTime value={d} />  (tenant timezone by default)
import Link from "next/link";
import {
  type ButtonHTMLAttributes,
  type ComponentProps,
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useContext,
  useId,
} from "react";

function cx(...classes: Array<string | false | null | undefined>) {
  return classes.filter(Boolean).join(" ");
}

export { cx };

// ---------------------------------------------------------------------------------------
// Tenant formatting context (currency, timezone, locale): set by the app shell.

export type TenantFormat = { currency: string; timeZone: string; locale: string };
const DEFAULT_FORMAT: TenantFormat = { currency: "EUR", timeZone: "UTC", locale: "en" };
const FormatContext = createContext<TenantFormat>(DEFAULT_FORMAT);

export function FormatProvider({ value, children }: { value: Partial<TenantFormat>; children: ReactNode }) {
  return <FormatContext.Provider value={{ ...DEFAULT_FORMAT, ...value }}>{children}</FormatContext.Provider>;
}
export function useFormat() {
  return useContext(FormatContext);
}

// ---------------------------------------------------------------------------------------
// Buttons

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
type ButtonStyle = { variant?: ButtonVariant; size?: "sm" | "md" };

function buttonClass({ variant = "secondary", size = "md" }: ButtonStyle, extra?: string) {
  return cx("btn", `btn-${variant}`, size === "sm" && "btn-sm", extra);
}

export function Button({
  variant,
  size,
  loading,
  className,
  children,
  type = "button",
  onClick,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & ButtonStyle & { loading?: boolean; ref?: Ref<HTMLButtonElement> }) {
  // While loading the button ignores clicks but stays focusable (aria-disabled, not disabled):
  // a keyboard user's focus stays where it was instead of falling to <body>.
  return (
    <button
      type={type}
      className={buttonClass({ variant, size }, className)}
      aria-disabled={loading || undefined}
      aria-busy={loading || undefined}
      onClick={loading ? (e) => e.preventDefault() : onClick}
      {...rest}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}

/** A link that looks like a button. */
export function ButtonLink({
  variant,
  size,
  className,
  ...rest
}: ComponentProps<typeof Link> & ButtonStyle & { className?: string }) {
  return <Link className={buttonClass({ variant, size }, className)} {...rest} />;
}

export function Spinner({ label }: { label?: string }) {
  if (!label) return <span className="spinner" aria-hidden="true" />;
  return (
    <span className="spinner" role="status">
      <span className="sr-only">{label}</span>
    </span>
  );
}

// ---------------------------------------------------------------------------------------
// Layout blocks

export function PageHeader({
  title,
  description,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Array<{ label: string; href?: string }>;
}) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        {breadcrumbs?.length ? (
          <nav className="breadcrumbs" aria-label="Breadcrumb">
            {breadcrumbs.map((b, i) => (
              <span key={i}>
                {b.href ? <Link href={b.href}>{b.label}</Link> : b.label}
                {i < breadcrumbs.length - 1 ? <span aria-hidden="true"> / </span> : null}
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {description ? <p className="muted">{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </header>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
  padded = true,
  ...rest
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  padded?: boolean;
} & Omit<ComponentProps<"section">, "title">) {
  return (
    <section className={cx("card", className)} {...rest}>
      {title || actions ? (
        <div className="card-header">
          {title ? <h2 className="card-title">{title}</h2> : <span />}
          {actions ? <div className="row">{actions}</div> : null}
        </div>
      ) : null}
      <div className={padded ? "card-body" : undefined}>{children}</div>
    </section>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {description ? <p className="muted">{description}</p> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}

export function Stat({
  label,
  value,
  hint,
  tone,
  href,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  tone?: Tone;
  href?: string;
}) {
  const body = (
    <>
      <span className="stat-label">{label}</span>
      <span className={cx("stat-value", tone && `text-${tone}`)}>{value}</span>
      {hint ? <span className="stat-hint">{hint}</span> : null}
    </>
  );
  return href ? (
    <Link href={href} className="stat stat-link">
      {body}
    </Link>
  ) : (
    <div className="stat">{body}</div>
  );
}

/** Label/value pairs (a details panel). */
export function DescriptionList({ items }: { items: Array<{ label: ReactNode; value: ReactNode }> }) {
  return (
    <dl className="dl">
      {items.map((item, i) => (
        <div key={i} className="dl-row">
          <dt>{item.label}</dt>
          <dd>{item.value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An inline message box: errors from a mutation, warnings, notes. */
export function Alert({ tone = "info", title, children }: { tone?: Tone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={cx("alert", `alert-${tone}`)} role={tone === "danger" ? "alert" : "status"}>
      {title ? <strong>{title}</strong> : null}
      {children ? <div>{children}</div> : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Badges

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={cx("badge", `badge-${tone}`)}>{children}</span>;
}

const STATUS_TONES: Record<string, Tone> = {
  active: "success",
  succeeded: "success",
  completed: "success",
  paid: "success",
  online: "success",
  won: "success",
  accepted: "success",
  resolved: "success",
  delivered: "success",
  sent: "info",
  pending: "info",
  provisioning: "info",
  running: "info",
  queued: "info",
  open: "info",
  new: "info",
  issued: "info",
  in_progress: "info",
  scheduled: "info",
  suspended: "warning",
  past_due: "warning",
  overdue: "warning",
  degraded: "warning",
  retrying: "warning",
  locked: "warning",
  failed: "danger",
  error: "danger",
  offline: "danger",
  los: "danger",
  rejected: "danger",
  bounced: "danger",
  rolled_back: "danger",
  lost: "danger",
  critical: "danger",
  major: "warning",
  minor: "info",
  terminated: "neutral",
  disabled: "neutral",
  void: "neutral",
  voided: "neutral",
  cancelled: "neutral",
  canceled: "neutral",
  closed: "neutral",
  draft: "neutral",
};

/** A sensible badge tone for a status string ("ACTIVE", "past_due", "Failed"…). */
export function statusTone(status: string | null | undefined): Tone {
  if (!status) return "neutral";
  return STATUS_TONES[status.toLowerCase().replace(/[\s-]/g, "_")] ?? "neutral";
}

/** A badge for a status value, with its words made readable ("PAST_DUE" → "Past due"). */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{humanize(status)}</Badge>;
}

export function humanize(value: string) {
  const words = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------------------------------
// Forms. <Field> gives its control an id, label, hint and error; the control reads them.

type FieldState = { id: string; describedBy?: string; invalid: boolean; required?: boolean };
const FieldContext = createContext<FieldState | null>(null);

export function Field({
  label,
  hint,
  error,
  required,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FieldContext.Provider value={{ id, describedBy, invalid: Boolean(error), required }}>
      <div className={cx("field", error && "field-invalid", className)}>
        <label htmlFor={id} className="field-label">
          {label}
          {required ? (
            <span className="field-required" aria-hidden="true">
              {" "}
              *
            </span>
          ) : null}
        </label>
        {children}
        {hint ? (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </FieldContext.Provider>
  );
}

function useFieldProps(props: { id?: string; required?: boolean }) {
  const field = useContext(FieldContext);
  if (!field) return {};
  return {
    id: props.id ?? field.id,
    "aria-describedby": field.describedBy,
    "aria-invalid": field.invalid || undefined,
    required: props.required ?? field.required,
  };
}

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cx("input", className)} {...useFieldProps(props)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cx("input", "textarea", className)} {...useFieldProps(props)} {...props} />;
}

export type SelectOption = { value: string; label: string; disabled?: boolean };

export function Select({
  className,
  options,
  placeholder,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { options?: SelectOption[]; placeholder?: string }) {
  return (
    <select className={cx("input", "select", className)} {...useFieldProps(props)} {...props}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options?.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
}

/** A checkbox with its own label (use it outside <Field>). */
export function Checkbox({
  label,
  hint,
  className,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cx("checkbox", className)}>
      <input type="checkbox" id={props.id ?? id} {...props} />
      <label htmlFor={props.id ?? id}>
        {label}
        {hint ? <span className="field-hint">{hint}</span> : null}
      </label>
    </div>
  );
}

/** A row of form actions, right-aligned. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

// ---------------------------------------------------------------------------------------
// Tabs: links (`href` on each item, active by pathname you pass) or local state (`onChange`).

export type TabItem = { id: string; label: ReactNode; href?: string; count?: number };

export function Tabs({
  items,
  value,
  onChange,
  label = "Sections",
}: {
  items: TabItem[];
  value: string;
  onChange?: (id: string) => void;
  label?: string;
}) {
  const tabs = items.map((item) => {
    const active = item.id === value;
    const content = (
      <>
        {item.label}
        {item.count !== undefined ? <span className="tab-count">{item.count}</span> : null}
      </>
    );
    return item.href ? (
      <Link
        key={item.id}
        href={item.href}
        className={cx("tab", active && "tab-active")}
        aria-current={active ? "page" : undefined}
      >
        {content}
      </Link>
    ) : (
      <button
        key={item.id}
        type="button"
        role="tab"
        aria-selected={active}
        className={cx("tab", active && "tab-active")}
        onClick={() => onChange?.(item.id)}
      >
        {content}
      </button>
    );
  });
  return onChange ? (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs}
    </div>
  ) : (
    <nav className="tabs" aria-label={label}>
      {tabs}
    </nav>
  );
}

// ---------------------------------------------------------------------------------------
// Formatting: money in integer minor units; instants shown in the tenant's timezone.

export function formatMoney(
  amountMinor: number | bigint,
  currency: string,
  locale = "en",
  opts: { signDisplay?: "auto" | "always" | "exceptZero" } = {},
) {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, signDisplay: opts.signDisplay });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  const major = Number(amountMinor) / 10 ** digits;
  return fmt.format(major);
}

export function Money({
  amount,
  currency,
  signDisplay,
}: {
  amount: number | bigint | null | undefined;
  currency?: string;
  signDisplay?: "auto" | "always" | "exceptZero";
}) {
  const f = useFormat();
  if (amount === null || amount === undefined) return <span className="muted">—</span>;
  const negative = Number(amount) < 0;
  return (
    <span className={cx("money", negative && "money-negative")}>
      {formatMoney(amount, currency ?? f.currency, f.locale, { signDisplay })}
    </span>
  );
}

export type DateTimeMode = "datetime" | "date" | "time" | "relative";

export function formatDateTime(
  value: Date | string | number,
  opts: { timeZone?: string; locale?: string; mode?: DateTimeMode } = {},
) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const { timeZone = "UTC", locale = "en", mode = "datetime" } = opts;
  if (mode === "relative") return formatRelative(date, locale);
  const parts: Intl.DateTimeFormatOptions =
    mode === "date"
      ? { dateStyle: "medium" }
      : mode === "time"
        ? { timeStyle: "short" }
        : { dateStyle: "medium", timeStyle: "short" };
  return new Intl.DateTimeFormat(locale, { ...parts, timeZone }).format(date);
}

export function formatRelative(date: Date, locale = "en", now = Date.now()) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), "day");
  if (abs < 86400 * 365) return rtf.format(Math.round(seconds / (86400 * 30)), "month");
  return rtf.format(Math.round(seconds / (86400 * 365)), "year");
}

export function DateTime({
  value,
  mode = "datetime",
  timeZone,
}: {
  value: Date | string | number | null | undefined;
  mode?: DateTimeMode;
  timeZone?: string;
}) {
  const f = useFormat();
  if (value === null || value === undefined || value === "") return <span className="muted">—</span>;
  const date = value instanceof Date ? value : new Date(value);
  const tz = timeZone ?? f.timeZone;
  return (
    <time
      dateTime={date.toISOString()}
      title={mode === "relative" ? formatDateTime(date, { timeZone: tz, locale: f.locale }) : undefined}
      suppressHydrationWarning
    >
      {formatDateTime(date, { timeZone: tz, locale: f.locale, mode })}
    </time>
  );
}
