"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Spinner,
} from "@/components/ui";
import { FibreCard } from "./fibre-card";
import { SimulatorCard } from "./simulator-card";

type Integration = {
  system: "OLT" | "ACS" | "IPAM";
  label: string;
  modes: readonly string[];
  mode: string;
  url: string | null;
  hasCredentials: boolean;
  options: { timeoutMs?: number; onosUrl?: string };
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
};

const MODE_LABEL: Record<string, string> = {
  SIMULATOR: "Built-in network simulator",
  REAL: "Real system",
  BUILTIN: "Built-in IPAM (PostgreSQL)",
  NONE: "Not configured",
};

const URL_HINT = {
  OLT: "host:port of VOLTHA's gRPC northbound (voltctl's default port is 55555)",
  ACS: "GenieACS NBI, e.g. http://genieacs:7557",
  IPAM: "NetBox, e.g. https://netbox.example.net",
};

function IntegrationCard({ item }: { item: Integration }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [mode, setMode] = useState(item.mode);
  const [url, setUrl] = useState(item.url ?? "");
  const [token, setToken] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [onosUrl, setOnosUrl] = useState(item.options.onosUrl ?? "");
  useEffect(() => setMode(item.mode), [item.mode]);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
  const save = useMutation(
    trpc.integrations.save.mutationOptions({
      onSuccess: () => {
        toast.success(`${item.label} saved`);
        setToken("");
        setPassword("");
        invalidate();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const test = useMutation(
    trpc.network.testIntegration.mutationOptions({
      onSuccess: (r) => {
        if (r.ok) toast.success(r.message);
        else toast.error(r.message);
        invalidate();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const creds =
      item.system === "IPAM" ? (token ? { token } : undefined) : username ? { username, password } : undefined;
    save.mutate({
      system: item.system,
      mode: mode as "REAL",
      url: mode === "REAL" ? url : null,
      credentials: creds,
      options: item.system === "OLT" && onosUrl ? { onosUrl } : undefined,
    });
  };
  return (
    <Card
      title={item.label}
      actions={
        item.lastTestAt ? (
          <Badge tone={item.lastTestOk ? "success" : "danger"}>{item.lastTestOk ? "Connected" : "Failing"}</Badge>
        ) : null
      }
    >
      <form className="stack" onSubmit={submit} data-testid={`integration-${item.system}`}>
        <Field label="Use">
          <Select
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[...(item.mode === "NONE" ? ["NONE"] : []), ...item.modes].map((m) => ({
              value: m,
              label: MODE_LABEL[m],
            }))}
          />
        </Field>
        {mode === "NONE" ? (
          <Alert tone="warning">
            Not configured: nothing that needs this system works until you choose the real system or the built-in
            simulator.
          </Alert>
        ) : null}
        {mode === "REAL" ? (
          <>
            <Field label="URL" required hint={URL_HINT[item.system]}>
              <Input value={url} onChange={(e) => setUrl(e.target.value)} />
            </Field>
            {item.system === "IPAM" ? (
              <Field
                label="API token"
                hint={item.hasCredentials ? "A token is stored; leave empty to keep it" : "NetBox → Admin → API tokens"}
              >
                <Input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
              </Field>
            ) : (
              <div className="form-grid">
                <Field
                  label={item.system === "OLT" ? "ONOS user" : "User"}
                  hint={item.hasCredentials ? "Stored; leave empty to keep" : "Optional"}
                >
                  <Input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
                </Field>
                <Field label="Password">
                  <Input
                    type="password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    autoComplete="off"
                  />
                </Field>
              </div>
            )}
            {item.system === "OLT" ? (
              <Field label="ONOS URL" hint="Bandwidth profiles (SADIS) are applied through ONOS, e.g. http://onos:8181">
                <Input value={onosUrl} onChange={(e) => setOnosUrl(e.target.value)} />
              </Field>
            ) : null}
          </>
        ) : null}
        {item.lastTestAt ? (
          <Alert tone={item.lastTestOk ? "success" : "danger"}>
            {item.lastTestMessage} · <DateTime value={item.lastTestAt} mode="relative" />
          </Alert>
        ) : null}
        <FormActions>
          <Button onClick={() => test.mutate({ system: item.system })} loading={test.isPending}>
            Test connection
          </Button>
          <Button type="submit" variant="primary" loading={save.isPending} disabled={mode === "NONE"}>
            Save
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

export function IntegrationsPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.integrations.list.queryOptions());
  return (
    <div className="stack">
      <PageHeader
        title="Integrations"
        description="Which system drives the access network: the built-in simulator, or your real VOLTHA, GenieACS and NetBox. Credentials are stored encrypted."
      />
      {q.isLoading ? <Spinner /> : null}
      {q.error ? <Alert tone="danger">{q.error.message}</Alert> : null}
      <div className="grid-3">
        {(q.data as Integration[] | undefined)?.map((item) => (
          <IntegrationCard key={item.system} item={item} />
        ))}
      </div>
      <SimulatorCard />
      <FibreCard />
    </div>
  );
}
