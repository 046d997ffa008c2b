"use client";
// Schedule a window: what (title, description), where (an OLT, or some of its PON ports), when,
// and when to tell the subscribers; the preview says who is behind the chosen elements before
// anything is scheduled.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
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

const NOTICE_HOURS = [72, 24] as const;

export function NewMaintenancePage() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const confirm = useConfirm();
  const olts = useQuery(trpc.network.olts.list.queryOptions({ page: 1, pageSize: 200 }));
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [oltId, setOltId] = useState("");
  const [portIds, setPortIds] = useState<string[]>([]);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [noticeHours, setNoticeHours] = useState<number[]>([...NOTICE_HOURS]);
  const olt = useQuery({ ...trpc.network.olts.get.queryOptions({ id: oltId }), enabled: Boolean(oltId) });

  // No port ticked: the whole OLT.
  const elements = oltId ? (portIds.length ? portIds.map((id) => `pon:${id}`) : [`olt:${oltId}`]) : [];
  const preview = useQuery({
    ...trpc.maintenance.preview.queryOptions({ elements }),
    enabled: elements.length > 0,
  });
  const schedule = useMutation(
    trpc.maintenance.schedule.mutationOptions({
      onSuccess: (w) => {
        toast.success(`“${w.title}” scheduled for ${w.affectedCount} subscribers`);
        router.push(`/noc/maintenance/${w.id}`);
      },
    }),
  );
  const errors = fieldErrors(schedule.error);

  const submit = async () => {
    const ok = await confirm({
      title: "Schedule this window?",
      body: (
        <p>
          {preview.data
            ? `${preview.data.affected} subscribers behind ${preview.data.area} will be told`
            : "The subscribers behind the chosen elements will be told"}
          {noticeHours.length ? ` ${noticeHours.map((h) => `${h} h`).join(" and ")} before the start` : ""}, when it
          starts and when it is over.
        </p>
      ),
      confirmLabel: "Schedule",
    });
    if (!ok) return;
    schedule.mutate({
      title,
      description,
      elements,
      startsAt: startsAt ? new Date(startsAt) : undefined,
      endsAt: endsAt ? new Date(endsAt) : undefined,
      noticeHours,
    });
  };

  return (
    <div className="stack">
      <PageHeader
        title="Schedule maintenance"
        breadcrumbs={[{ label: "Planned maintenance", href: "/noc/maintenance" }, { label: "New" }]}
      />
      {schedule.error && !Object.keys(errors).length ? (
        <Alert tone="danger" title="Not scheduled">
          {errorMessage(schedule.error)}
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
          <Card title="The work">
            <div className="stack">
              <Field label="Title" required error={errors.title}>
                <Input value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
              </Field>
              <Field
                label="Description"
                hint="What subscribers will notice, in plain words."
                error={errors.description}
              >
                <Textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
              </Field>
              <div className="form-grid">
                <Field label="Starts" required error={errors.startsAt}>
                  <Input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
                </Field>
                <Field label="Ends" required error={errors.endsAt}>
                  <Input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
                </Field>
              </div>
              <fieldset className="stack-sm">
                <legend className="field-label">Notices before the start</legend>
                {NOTICE_HOURS.map((h) => (
                  <Checkbox
                    key={h}
                    label={`${h} hours before`}
                    checked={noticeHours.includes(h)}
                    onChange={(e) =>
                      setNoticeHours(e.target.checked ? [...noticeHours, h] : noticeHours.filter((x) => x !== h))
                    }
                  />
                ))}
              </fieldset>
            </div>
          </Card>
          <Card title="Where">
            <div className="stack">
              <Field label="OLT" required error={errors.elements}>
                <Select
                  value={oltId}
                  placeholder="Choose an OLT"
                  onChange={(e) => {
                    setOltId(e.target.value);
                    setPortIds([]);
                  }}
                  options={(olts.data?.rows ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Field>
              {oltId && olt.data ? (
                <fieldset className="stack-sm">
                  <legend className="field-label">PON ports (none ticked: the whole OLT)</legend>
                  {olt.data.ports.map((p) => (
                    <Checkbox
                      key={p.id}
                      label={`${p.label} (${p.onus} ONUs)`}
                      checked={portIds.includes(p.id)}
                      onChange={(e) =>
                        setPortIds(e.target.checked ? [...portIds, p.id] : portIds.filter((x) => x !== p.id))
                      }
                    />
                  ))}
                </fieldset>
              ) : null}
              <div aria-live="polite" data-testid="maintenance-preview">
                {!elements.length ? (
                  <p className="muted">Choose an OLT to see who is behind it.</p>
                ) : preview.isLoading ? (
                  <Spinner label="Counting the affected subscribers" />
                ) : preview.error ? (
                  <Alert tone="danger">{errorMessage(preview.error)}</Alert>
                ) : preview.data ? (
                  <Alert tone="info" title={`${preview.data.affected} subscribers affected`}>
                    Behind {preview.data.area}; {preview.data.business} of them business customers.
                  </Alert>
                ) : null}
              </div>
            </div>
          </Card>
        </div>
        <FormActions>
          <Button type="submit" variant="primary" loading={schedule.isPending}>
            Schedule window
          </Button>
        </FormActions>
      </form>
    </div>
  );
}
