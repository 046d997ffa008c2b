"use client";
// The subscriber's notification preferences, per service: which categories reach them on
// which channel (account and service messages by email and in the inbox cannot be turned
// off), and quiet hours, during which non-urgent SMS and push wait until morning.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, EmptyState, Field, FormActions, Input, PageHeader, Spinner } from "@/components/ui";

const CHANNELS = [
  { key: "EMAIL", label: "Email" },
  { key: "SMS", label: "SMS" },
  { key: "PUSH", label: "Push" },
  { key: "INBOX", label: "Portal inbox" },
] as const;
type ChannelKey = (typeof CHANNELS)[number]["key"];
type CategoryKey = "TRANSACTIONAL" | "BILLING" | "OUTAGES" | "MAINTENANCE" | "SUPPORT" | "MARKETING";

type Prefs = {
  subscriberId: string;
  username: string;
  categories: Array<{
    category: CategoryKey;
    label: string;
    channels: Array<{ channel: ChannelKey; enabled: boolean; locked: boolean }>;
  }>;
  quietHours: { start: string; end: string; custom: boolean } | null;
  timezone: string | null;
  tenantTimezone: string;
};

export function PreferencesPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.notifications.portal.preferences.queryOptions());
  return (
    <div className="stack">
      <PageHeader
        title="Notification preferences"
        description="Choose how we reach you about each kind of message. Messages about your account and service always reach your email and portal inbox."
      />
      {q.isLoading ? <Spinner label="Loading preferences" /> : null}
      {q.error ? <Alert tone="danger">{q.error.message}</Alert> : null}
      {q.data?.length === 0 ? (
        <EmptyState title="No services yet" description="Preferences appear once you have a service with us." />
      ) : null}
      {q.data?.map((p) => (
        <ServicePreferences key={p.subscriberId} prefs={p as Prefs} several={(q.data?.length ?? 0) > 1} />
      ))}
    </div>
  );
}

function ServicePreferences({ prefs, several }: { prefs: Prefs; several: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const initial = () =>
    Object.fromEntries(
      prefs.categories.flatMap((c) => c.channels.map((ch) => [`${c.category}:${ch.channel}`, ch.enabled])),
    );
  const [enabled, setEnabled] = useState<Record<string, boolean>>(initial);
  const [quiet, setQuiet] = useState(prefs.quietHours?.custom ?? false);
  const [start, setStart] = useState(prefs.quietHours?.start ?? "22:00");
  const [end, setEnd] = useState(prefs.quietHours?.end ?? "07:00");
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the server's copy changes
  useEffect(() => setEnabled(initial()), [prefs]);

  const save = useMutation(
    trpc.notifications.portal.setPreferences.mutationOptions({
      onSuccess: () => {
        toast.success("Preferences saved");
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.portal.preferences.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(save.error);

  return (
    <Card title={several ? `Service ${prefs.username}` : "Your preferences"}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            subscriberId: prefs.subscriberId,
            preferences: prefs.categories.flatMap((c) =>
              c.channels
                .filter((ch) => !ch.locked)
                .map((ch) => ({
                  category: c.category,
                  channel: ch.channel,
                  enabled: enabled[`${c.category}:${ch.channel}`] ?? ch.enabled,
                })),
            ),
            quietHours: quiet ? { start, end } : null,
          });
        }}
      >
        {save.error && !Object.keys(errors).length ? <Alert tone="danger">{save.error.message}</Alert> : null}
        <div style={{ overflowX: "auto" }}>
          <table className="table" aria-label="Notification preferences">
            <thead>
              <tr>
                <th>Messages about</th>
                {CHANNELS.map((ch) => (
                  <th key={ch.key} className="center">
                    {ch.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prefs.categories.map((c) => (
                <tr key={c.category}>
                  <th scope="row" style={{ fontWeight: 500 }}>
                    {c.label}
                  </th>
                  {c.channels.map((ch) => {
                    const key = `${c.category}:${ch.channel}`;
                    const label = `${c.label} by ${CHANNELS.find((x) => x.key === ch.channel)?.label}`;
                    return (
                      <td key={ch.channel} className="center">
                        <input
                          type="checkbox"
                          aria-label={label}
                          checked={ch.locked || (enabled[key] ?? ch.enabled)}
                          disabled={ch.locked}
                          title={ch.locked ? "Required: account and service messages always reach you here" : undefined}
                          onChange={(e) => setEnabled({ ...enabled, [key]: e.target.checked })}
                        />
                        {ch.locked ? <span className="small muted"> required</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <fieldset className="stack-sm">
          <legend className="field-label">Quiet hours</legend>
          <p className="small muted">
            Non-urgent SMS and push messages sent during quiet hours wait until they end (outage alerts still come at
            once). Times are in {prefs.timezone ?? prefs.tenantTimezone}.
          </p>
          <label className="row">
            <input
              type="radio"
              name={`quiet-${prefs.subscriberId}`}
              checked={!quiet}
              onChange={() => setQuiet(false)}
            />
            {prefs.quietHours && !prefs.quietHours.custom
              ? `Standard quiet hours (${prefs.quietHours.start}–${prefs.quietHours.end})`
              : "Standard quiet hours"}
          </label>
          <label className="row">
            <input type="radio" name={`quiet-${prefs.subscriberId}`} checked={quiet} onChange={() => setQuiet(true)} />{" "}
            My own quiet hours
          </label>
          {quiet ? (
            <div className="form-grid">
              <Field label="From" error={errors.quietHours}>
                <Input type="time" value={start} required onChange={(e) => setStart(e.target.value)} />
              </Field>
              <Field label="Until">
                <Input type="time" value={end} required onChange={(e) => setEnd(e.target.value)} />
              </Field>
            </div>
          ) : null}
        </fieldset>
        <FormActions>
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save preferences
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}
