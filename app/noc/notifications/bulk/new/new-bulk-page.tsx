"use client";
// A new bulk send: template and its data, channels, the recipients (a filter on status, plan,
// OLT / PON port, postcode or name), a live count of who would get it on each channel, and
// when to send. Confirmed before it is scheduled.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Spinner,
  Textarea,
} from "@/components/ui";
import { CATEGORY_LABEL, CHANNEL_LABEL, CHANNELS, type Channel, useDebounced } from "../../shared";

const STATUSES = ["ACTIVE", "SUSPENDED", "PENDING", "PROVISIONING", "PROVISIONING_FAILED", "TERMINATED"] as const;
type Status = (typeof STATUSES)[number];

function toggle<T>(list: T[], value: T, on: boolean) {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

export function NewBulkPage({ canSeePlans, canSeeNetwork }: { canSeePlans: boolean; canSeeNetwork: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const confirm = useConfirm();
  const templates = useQuery(trpc.notifications.templates.list.queryOptions());
  const plans = useQuery({
    ...trpc.catalog.plans.list.queryOptions({ page: 1, pageSize: 200 }),
    enabled: canSeePlans,
  });
  const olts = useQuery({ ...trpc.network.olts.list.queryOptions({ page: 1, pageSize: 200 }), enabled: canSeeNetwork });

  const [name, setName] = useState("");
  const [templateKey, setTemplateKey] = useState("service_notice");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [json, setJson] = useState<string | null>(null);
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [statuses, setStatuses] = useState<Status[]>(["ACTIVE"]);
  const [planIds, setPlanIds] = useState<string[]>([]);
  const [oltId, setOltId] = useState("");
  const [ponPortId, setPonPortId] = useState("");
  const [postcode, setPostcode] = useState("");
  const [search, setSearch] = useState("");
  const [when, setWhen] = useState<"now" | "later">("now");
  const [scheduleAt, setScheduleAt] = useState("");

  const olt = useQuery({ ...trpc.network.olts.get.queryOptions({ id: oltId }), enabled: Boolean(oltId) });
  const template = templates.data?.find((t) => t.key === templateKey);
  const simple = template ? Object.values(template.sample).every((v) => typeof v === "string") : true;
  const chosenChannels = channels ?? ((template?.defaultChannels ?? ["EMAIL", "INBOX"]) as Channel[]);

  let data: Record<string, unknown> = {};
  let jsonError: string | null = null;
  if (simple) data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ""));
  else {
    try {
      data = JSON.parse(json ?? JSON.stringify(template?.sample ?? {}, null, 2));
    } catch {
      jsonError = "This is not valid JSON";
    }
  }

  const filter = useMemo(
    () => ({
      ...(statuses.length ? { statuses } : {}),
      ...(planIds.length ? { planIds } : {}),
      ...(ponPortId ? { ponPortIds: [ponPortId] } : oltId ? { oltIds: [oltId] } : {}),
      ...(postcode.trim() ? { postcode: postcode.trim() } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    }),
    [statuses, planIds, oltId, ponPortId, postcode, search],
  );
  const previewInput = useDebounced({ template: templateKey, channels: chosenChannels, filter });
  const preview = useQuery({
    ...trpc.notifications.bulk.preview.queryOptions(previewInput),
    enabled: previewInput.channels.length > 0,
  });

  const create = useMutation(
    trpc.notifications.bulk.create.mutationOptions({
      onSuccess: (job) => {
        toast.success(when === "now" ? "Bulk send started" : "Bulk send scheduled");
        router.push(`/noc/notifications/bulk/${job.id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const scheduleError =
    when === "later" && scheduleAt && new Date(scheduleAt).getTime() < Date.now() ? "Pick a time in the future" : null;

  const submit = async () => {
    if (jsonError || scheduleError) return;
    if (when === "later" && !scheduleAt) {
      toast.error("Pick the date and time to send, or choose “Send now”");
      return;
    }
    const count = preview.data?.subscribers;
    const ok = await confirm({
      title: when === "now" ? "Send this notice now?" : "Schedule this notice?",
      body: (
        <p>
          {template?.name ?? templateKey} to {count ?? "the matching"} subscriber{count === 1 ? "" : "s"} by{" "}
          {chosenChannels.map((c) => CHANNEL_LABEL[c]).join(", ")}
          {when === "later" ? ` on ${new Date(scheduleAt).toLocaleString()}` : ""}. Opted-out recipients are skipped.
        </p>
      ),
      confirmLabel: when === "now" ? "Send" : "Schedule",
    });
    if (!ok) return;
    create.mutate({
      name: name.trim() || undefined,
      template: templateKey,
      data,
      channels: chosenChannels,
      filter,
      scheduleAt: when === "later" ? new Date(scheduleAt) : undefined,
    });
  };

  return (
    <div className="stack">
      <PageHeader
        title="New bulk send"
        breadcrumbs={[{ label: "Bulk sends", href: "/noc/notifications/bulk" }, { label: "New" }]}
        description="Recipients are resolved when the send starts; opt-outs are checked again for each message."
      />
      {create.error && !Object.keys(errors).length ? (
        <Alert tone="danger" title="Not scheduled">
          {errorMessage(create.error)}
        </Alert>
      ) : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid-2" style={{ alignItems: "start" }}>
          <Card title="Message">
            <div className="stack">
              <Field label="Name" hint="For the list of bulk sends; default: the template and the time.">
                <Input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field label="Template" required>
                <Select
                  value={templateKey}
                  onChange={(e) => {
                    setTemplateKey(e.target.value);
                    setFields({});
                    setJson(null);
                    setChannels(null);
                  }}
                  options={(templates.data ?? []).map((t) => ({
                    value: t.key,
                    label: `${t.name} (${CATEGORY_LABEL[t.category] ?? t.category})`,
                  }))}
                />
              </Field>
              {template && simple
                ? Object.entries(template.sample).map(([key, sample]) => {
                    const long = String(sample).length > 80;
                    const label =
                      key.charAt(0).toUpperCase() +
                      key
                        .slice(1)
                        .replace(/([A-Z])/g, " $1")
                        .toLowerCase();
                    return (
                      <Field key={key} label={label} error={errors[`data.${key}`]}>
                        {long ? (
                          <Textarea
                            rows={4}
                            value={fields[key] ?? ""}
                            placeholder={String(sample)}
                            onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
                          />
                        ) : (
                          <Input
                            value={fields[key] ?? ""}
                            placeholder={String(sample)}
                            onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
                          />
                        )}
                      </Field>
                    );
                  })
                : null}
              {template && !simple ? (
                <Field label="Data (JSON)" error={jsonError} hint="The template's fields; the sample is filled in.">
                  <Textarea
                    rows={8}
                    className="mono"
                    value={json ?? JSON.stringify(template.sample, null, 2)}
                    onChange={(e) => setJson(e.target.value)}
                  />
                </Field>
              ) : null}
              <fieldset className="stack-sm" aria-describedby={errors.channels ? "bulk-channels-error" : undefined}>
                <legend className="field-label">Channels</legend>
                {CHANNELS.map((c) => (
                  <Checkbox
                    key={c}
                    label={CHANNEL_LABEL[c]}
                    checked={chosenChannels.includes(c)}
                    onChange={(e) => setChannels(toggle(chosenChannels, c, e.target.checked))}
                  />
                ))}
                {errors.channels ? (
                  <p id="bulk-channels-error" className="field-error">
                    {errors.channels}
                  </p>
                ) : null}
              </fieldset>
            </div>
          </Card>
          <Card title="Recipients">
            <div className="stack">
              <fieldset className="stack-sm">
                <legend className="field-label">Service status</legend>
                <div className="row">
                  {STATUSES.map((s) => (
                    <Checkbox
                      key={s}
                      label={s.charAt(0) + s.slice(1).toLowerCase().replace("_", " ")}
                      checked={statuses.includes(s)}
                      onChange={(e) => setStatuses(toggle(statuses, s, e.target.checked))}
                    />
                  ))}
                </div>
              </fieldset>
              {canSeePlans ? (
                <fieldset className="stack-sm">
                  <legend className="field-label">Plans (none ticked: every plan)</legend>
                  <div className="row">
                    {(plans.data?.rows ?? []).map((p) => (
                      <Checkbox
                        key={p.id}
                        label={p.name}
                        checked={planIds.includes(p.id)}
                        onChange={(e) => setPlanIds(toggle(planIds, p.id, e.target.checked))}
                      />
                    ))}
                  </div>
                </fieldset>
              ) : null}
              {canSeeNetwork ? (
                <div className="form-grid">
                  <Field label="Behind OLT">
                    <Select
                      value={oltId}
                      placeholder="Any OLT"
                      onChange={(e) => {
                        setOltId(e.target.value);
                        setPonPortId("");
                      }}
                      options={(olts.data?.rows ?? []).map((o) => ({ value: o.id, label: o.name }))}
                    />
                  </Field>
                  <Field label="PON port">
                    <Select
                      value={ponPortId}
                      placeholder={oltId ? "Every port of the OLT" : "Pick an OLT first"}
                      disabled={!oltId}
                      onChange={(e) => setPonPortId(e.target.value)}
                      options={(olt.data?.ports ?? []).map((p) => ({
                        value: p.id,
                        label: `${p.label} (${p.onus} ONUs)`,
                      }))}
                    />
                  </Field>
                </div>
              ) : null}
              <div className="form-grid">
                <Field label="Postcode starts with" hint="The service address (an area).">
                  <Input value={postcode} maxLength={20} onChange={(e) => setPostcode(e.target.value)} />
                </Field>
                <Field label="Name, username or email contains">
                  <Input value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
                </Field>
              </div>
              <div className="card card-body" aria-live="polite" data-testid="recipient-preview">
                {preview.error ? (
                  <span className="text-danger">{errorMessage(preview.error)}</span>
                ) : preview.data ? (
                  <div className="stack-sm">
                    <strong>
                      {preview.data.subscribers} matching subscriber{preview.data.subscribers === 1 ? "" : "s"}
                    </strong>
                    <ul className="list-plain small">
                      {preview.data.channels.map((c) => (
                        <li key={c.channel}>
                          {CHANNEL_LABEL[c.channel]}: {c.send} to send
                          {c.suppressed ? `, ${c.suppressed} skipped (opted out or no address)` : ""}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <Spinner label="Counting recipients" />
                )}
              </div>
            </div>
          </Card>
        </div>
        <Card title="When">
          <div className="stack">
            <div className="row" role="radiogroup" aria-label="When">
              <label className="row">
                <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} /> Send now
              </label>
              <label className="row">
                <input type="radio" name="when" checked={when === "later"} onChange={() => setWhen("later")} /> Schedule
                for later
              </label>
            </div>
            {when === "later" ? (
              <Field label="Send at" required error={scheduleError ?? errors.scheduleAt} hint="Your local time.">
                <Input
                  type="datetime-local"
                  step={1}
                  value={scheduleAt}
                  onChange={(e) => setScheduleAt(e.target.value)}
                />
              </Field>
            ) : null}
            <p className="small muted">
              Non-urgent SMS and push wait for the end of each recipient&apos;s quiet hours.
            </p>
          </div>
        </Card>
        <FormActions>
          <Button type="submit" variant="primary" loading={create.isPending} disabled={chosenChannels.length === 0}>
            {when === "now" ? "Send…" : "Schedule…"}
          </Button>
        </FormActions>
      </form>
    </div>
  );
}
