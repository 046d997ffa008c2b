"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Field, FormActions, Input, PageHeader, Select } from "@/components/ui";
import { SagaPlanView } from "../../jobs/format";

export function NewSubscriberPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const [customerSearch, setCustomerSearch] = useState("");
  const [form, setForm] = useState({
    customerId: params.get("customerId") ?? "",
    serviceAddressId: "",
    planId: "",
    username: "",
    password: "",
    accessType: "PPPOE",
    onuSerial: "",
    cpeMac: "",
    staticIpv4: "",
    nasId: "",
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const customers = useQuery(
    trpc.customers.list.queryOptions({ page: 1, pageSize: 20, search: customerSearch || undefined }),
  );
  const customer = useQuery({
    ...trpc.customers.get.queryOptions({ id: form.customerId }),
    enabled: Boolean(form.customerId),
  });
  const plans = useQuery(trpc.catalog.plans.list.queryOptions({ page: 1, pageSize: 100, filters: { active: "true" } }));
  const nas = useQuery(trpc.radius.nas.list.queryOptions({ page: 1, pageSize: 100 }));
  // Free ONUs the OLTs have discovered, offered for the serial field.
  const onus = useQuery(
    trpc.network.onus.list.queryOptions({ page: 1, pageSize: 50, search: form.onuSerial.trim() || undefined }),
  );
  const freeOnus = (onus.data?.rows ?? []).filter((o) => !o.subscriberId);
  const [provisionNow, setProvisionNow] = useState(false);
  const provisionIntent = useRef(false);
  const provision = useMutation(
    trpc.orchestration.provisionSubscriber.mutationOptions({ onSuccess: (job) => router.push(`/noc/jobs/${job.id}`) }),
  );
  const queryClient = useQueryClient();
  const confirm = useConfirm();
  const create = useMutation(
    trpc.subscribers.create.mutationOptions({
      onSuccess: async (s) => {
        if (!provisionIntent.current) return router.push(`/noc/subscribers/${s.id}`);
        // The preview first: what provisioning would do in each system.
        const input = { subscriberId: s.id };
        const plan = await queryClient
          .fetchQuery({ ...trpc.orchestration.preview.provisionSubscriber.queryOptions({ input }), staleTime: 0 })
          .catch(() => null);
        const go =
          plan?.ok &&
          (await confirm({
            title: `Provision ${s.username}?`,
            body: <SagaPlanView plan={plan} />,
            confirmLabel: "Provision",
          }));
        // The subscriber exists either way: without provisioning, show it (with its preview).
        if (!go) return router.push(`/noc/subscribers/${s.id}`);
        provision.mutate(
          { input, idempotencyKey: `provision:${s.id}` },
          { onError: () => router.push(`/noc/subscribers/${s.id}`) },
        );
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    provisionIntent.current = submitter?.value === "provision";
    setProvisionNow(provisionIntent.current);
    create.mutate({
      customerId: form.customerId,
      planId: form.planId,
      serviceAddressId: form.serviceAddressId || null,
      username: form.username || undefined,
      password: form.password || undefined,
      accessType: form.accessType as "PPPOE" | "IPOE",
      onuSerial: form.onuSerial || null,
      cpeMac: form.cpeMac || null,
      staticIpv4: form.staticIpv4 || null,
      nasId: form.nasId ? Number(form.nasId) : null,
    });
  };
  const customerOptions = (customers.data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.number})` }));
  if (customer.data && !customerOptions.some((o) => o.value === customer.data.id))
    customerOptions.unshift({ value: customer.data.id, label: `${customer.data.name} (${customer.data.number})` });
  return (
    <div className="stack">
      <PageHeader
        title="New subscriber"
        breadcrumbs={[{ label: "Subscribers", href: "/noc/subscribers" }, { label: "New" }]}
        description="The service starts as Pending; provisioning (RADIUS, IP, ONU, CPE, billing) activates it."
      />
      <Card>
        <form className="stack" onSubmit={submit} noValidate>
          {create.error && !Object.keys(errors).length ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          {provision.error ? <Alert tone="danger">{errorMessage(provision.error)}</Alert> : null}
          <div className="form-grid">
            <Field label="Find customer" hint="Name, number, email or phone">
              <Input value={customerSearch} onChange={(e) => setCustomerSearch(e.target.value)} name="customerSearch" />
            </Field>
            <Field label="Customer" required error={errors.customerId}>
              <Select
                value={form.customerId}
                onChange={set("customerId")}
                placeholder="Choose…"
                options={customerOptions}
              />
            </Field>
            <Field label="Service address" error={errors.serviceAddressId}>
              <Select
                value={form.serviceAddressId}
                onChange={set("serviceAddressId")}
                placeholder="—"
                options={(customer.data?.serviceAddresses ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.line1}, ${a.postcode} ${a.city}`,
                }))}
              />
            </Field>
            <Field label="Plan" required error={errors.planId}>
              <Select
                value={form.planId}
                onChange={set("planId")}
                placeholder="Choose…"
                options={(plans.data?.rows ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Field>
            <Field label="Username" hint="Leave empty to generate one" error={errors.username}>
              <Input value={form.username} onChange={set("username")} name="username" autoComplete="off" />
            </Field>
            <Field label="Password" hint="Leave empty to generate one" error={errors.password}>
              <Input value={form.password} onChange={set("password")} name="password" autoComplete="new-password" />
            </Field>
            <Field label="Access">
              <Select
                value={form.accessType}
                onChange={set("accessType")}
                options={[
                  { value: "PPPOE", label: "PPPoE" },
                  { value: "IPOE", label: "IPoE" },
                ]}
              />
            </Field>
            <Field
              label="ONU serial"
              hint="Needed to provision: a discovered ONU not serving anyone"
              error={errors.onuSerial}
            >
              <Input
                value={form.onuSerial}
                onChange={set("onuSerial")}
                name="onuSerial"
                list="free-onus"
                autoComplete="off"
              />
            </Field>
            <datalist id="free-onus" data-testid="free-onus">
              {freeOnus.map((o) => (
                <option key={o.id} value={o.serialNumber}>
                  {o.olt.name} / {o.ponPort?.label ?? "?"}
                </option>
              ))}
            </datalist>
            <Field label="CPE MAC" error={errors.cpeMac}>
              <Input value={form.cpeMac} onChange={set("cpeMac")} name="cpeMac" placeholder="AA:BB:CC:00:11:22" />
            </Field>
            <Field label="Static IPv4" hint="Only for a fixed address" error={errors.staticIpv4}>
              <Input value={form.staticIpv4} onChange={set("staticIpv4")} name="staticIpv4" />
            </Field>
            <Field label="Bind to NAS" hint="Refuse authentication from any other NAS">
              <Select
                value={form.nasId}
                onChange={set("nasId")}
                placeholder="Any NAS"
                options={(nas.data?.rows ?? []).map((n) => ({
                  value: String(n.id),
                  label: `${n.shortname} (${n.nasname})`,
                }))}
              />
            </Field>
          </div>
          <FormActions>
            <Button type="submit" value="create" loading={create.isPending && !provisionNow}>
              Create subscriber
            </Button>
            <Button
              type="submit"
              value="provision"
              variant="primary"
              loading={(create.isPending && provisionNow) || provision.isPending}
            >
              Create and provision
            </Button>
          </FormActions>
        </form>
      </Card>
    </div>
  );
}
