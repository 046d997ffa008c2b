"use client";
// Every notification template: its category and channels, a live preview with sample data in
// the tenant's branding (email in a sandboxed iframe; SMS, push and inbox wording), and the
// tenant's own subject and text, which replace the built-in wording for every message.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
  Tabs,
  Textarea,
} from "@/components/ui";
import { CATEGORY_LABEL, ChannelBadges, useDebounced } from "./shared";

type Preview = "email" | "sms" | "push" | "inbox";

export function TemplatesPage({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const templates = useQuery(trpc.notifications.templates.list.queryOptions());
  const selected = params.get("t") ?? templates.data?.[0]?.key ?? null;
  const current = templates.data?.find((t) => t.key === selected);

  return (
    <div className="stack">
      <PageHeader
        title="Notification templates"
        description="Every message the platform sends, in your branding. Preview one with sample data and, if you like, replace its subject and text with your own wording."
      />
      {templates.error ? <Alert tone="danger">{templates.error.message}</Alert> : null}
      {templates.isLoading ? <Spinner label="Loading templates" /> : null}
      {templates.data ? (
        <div className="grid-2" style={{ gridTemplateColumns: "minmax(260px, 1fr) 2fr", alignItems: "start" }}>
          <Card title={`Templates (${templates.data.length})`} padded={false}>
            <table className="table" aria-label="Templates">
              <thead>
                <tr>
                  <th>Template</th>
                  <th>Category</th>
                </tr>
              </thead>
              <tbody>
                {templates.data.map((t) => (
                  <tr
                    key={t.key}
                    aria-selected={t.key === selected}
                    className={t.key === selected ? "row-selected" : ""}
                  >
                    <td>
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        style={{ textAlign: "left", fontWeight: t.key === selected ? 600 : undefined }}
                        onClick={() => router.replace(`${pathname}?t=${t.key}`, { scroll: false })}
                      >
                        {t.name}
                      </button>
                      {t.override ? <Badge tone="info">Custom wording</Badge> : null}
                    </td>
                    <td className="small">{CATEGORY_LABEL[t.category] ?? t.category}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {current ? <TemplateDetail key={current.key} template={current} canEdit={canEdit} /> : null}
        </div>
      ) : null}
    </div>
  );
}

type TemplateRow = {
  key: string;
  name: string;
  category: string;
  urgent: boolean;
  defaultChannels: string[];
  sample: Record<string, unknown>;
  override: { subject: string | null; text: string | null } | null;
};

function TemplateDetail({ template, canEdit }: { template: TemplateRow; canEdit: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Preview>("email");
  const [sample, setSample] = useState(JSON.stringify(template.sample, null, 2));
  const [subject, setSubject] = useState(template.override?.subject ?? "");
  const [text, setText] = useState(template.override?.text ?? "");
  useEffect(() => {
    setSubject(template.override?.subject ?? "");
    setText(template.override?.text ?? "");
  }, [template.override?.subject, template.override?.text]);

  let data: Record<string, unknown> | undefined;
  let sampleError: string | null = null;
  try {
    data = JSON.parse(sample);
  } catch {
    sampleError = "The sample data is not valid JSON";
  }
  const input = useDebounced({ template: template.key, data, subject: subject || null, text: text || null });
  const preview = useQuery({
    ...trpc.notifications.templates.preview.queryOptions(input),
    enabled: !sampleError && input.template === template.key,
  });
  const save = useMutation(
    trpc.notifications.templates.setOverride.mutationOptions({
      onSuccess: (saved) => {
        toast.success(saved ? "Custom wording saved" : "Back to the built-in wording");
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.templates.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const p = preview.data;

  return (
    <div className="stack">
      <Card
        title={template.name}
        actions={
          <>
            <Badge>{CATEGORY_LABEL[template.category] ?? template.category}</Badge>
            {template.urgent ? <Badge tone="warning">Urgent: ignores quiet hours</Badge> : null}
          </>
        }
      >
        <p className="small muted">
          Key <span className="mono">{template.key}</span> · default channels{" "}
          <ChannelBadges channels={template.defaultChannels} />
        </p>
      </Card>
      <Card title="Preview">
        <Tabs
          label="Channel"
          value={tab}
          onChange={(id) => setTab(id as Preview)}
          items={[
            { id: "email", label: "Email" },
            { id: "sms", label: "SMS" },
            { id: "push", label: "Push" },
            { id: "inbox", label: "Inbox" },
          ]}
        />
        <div className="mt-2">
          {preview.error ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
          {!p && preview.isFetching ? <Spinner label="Rendering" /> : null}
          {p && tab === "email" ? (
            <div className="stack-sm">
              <p>
                <span className="muted">Subject:</span> <strong data-testid="preview-subject">{p.subject}</strong>
              </p>
              <iframe
                title="Email preview"
                sandbox=""
                srcDoc={p.html}
                style={{ width: "100%", minHeight: 520, border: "1px solid var(--border)", background: "#fff" }}
              />
            </div>
          ) : null}
          {p && tab === "sms" ? (
            <div className="stack-sm">
              <pre className="code-block" style={{ whiteSpace: "pre-wrap" }} data-testid="preview-sms">
                {p.sms}
              </pre>
              <p className="small muted">
                {p.sms.length} characters · {Math.max(1, Math.ceil(p.sms.length / 153))} SMS segment(s)
              </p>
            </div>
          ) : null}
          {p && tab === "push" ? (
            <div className="card card-body" style={{ maxWidth: 380 }}>
              <strong>{p.push.title}</strong>
              <p className="small">{p.push.body}</p>
            </div>
          ) : null}
          {p && tab === "inbox" ? (
            <div className="card card-body">
              <strong>{p.inbox.title}</strong>
              <p>{p.inbox.body}</p>
            </div>
          ) : null}
        </div>
      </Card>
      <Card title="Sample data">
        <Field label="Data (JSON)" error={sampleError} hint="Only for the preview; real messages carry their own data.">
          <Textarea rows={6} className="mono" value={sample} onChange={(e) => setSample(e.target.value)} />
        </Field>
      </Card>
      <Card title="Your wording">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ template: template.key, subject: subject || null, text: text || null });
          }}
        >
          <p className="small muted">
            Leave empty to use the built-in wording. Placeholders: {"{{name}}"}, {"{{brand}}"} and the data fields (
            {Object.keys(template.sample)
              .map((k) => `{{${k}}}`)
              .join(", ")}
            ). The text is the SMS, push and inbox message and the email&apos;s first paragraph.
          </p>
          <Field label="Subject" error={errors.subject}>
            <Input value={subject} maxLength={300} disabled={!canEdit} onChange={(e) => setSubject(e.target.value)} />
          </Field>
          <Field label="Text" error={errors.text}>
            <Textarea
              rows={4}
              value={text}
              maxLength={2000}
              disabled={!canEdit}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          {canEdit ? (
            <FormActions>
              {template.override ? (
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => {
                    setSubject("");
                    setText("");
                    save.mutate({ template: template.key, subject: null, text: null });
                  }}
                >
                  Use built-in wording
                </Button>
              ) : null}
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save wording
              </Button>
            </FormActions>
          ) : (
            <p className="small muted">Changing the wording needs the notification.template.manage permission.</p>
          )}
        </form>
      </Card>
    </div>
  );
}
