"use client";
// The billing test clock (demo and test installations only): shows billing's "today" and moves
// it forward, so a dunning sequence or the next cycle can be walked without waiting. Renders
// nothing where the clock is not adjustable (production).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, Card, Field, Input } from "@/components/ui";
import { day } from "./format";

export function TestClock() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const clock = useQuery(trpc.billing.clock.get.queryOptions());
  const [days, setDays] = useState("1");
  const [error, setError] = useState<string | null>(null);
  const advance = useMutation(
    trpc.billing.clock.advance.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Billing clock moved to ${day(r.now)}`);
        void qc.invalidateQueries();
      },
      onError: (e) => toast.error(e),
    }),
  );
  if (!clock.data?.adjustable) return null;
  return (
    <Card title="Test clock">
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = Number(days);
          if (!Number.isInteger(n) || n < 1 || n > 400) {
            setError("Advance by 1 to 400 whole days");
            return;
          }
          setError(null);
          if (
            await confirm({
              title: `Advance the billing clock by ${n} day${n === 1 ? "" : "s"}?`,
              body: "Billing, payments and dunning of this tenant see the new date. The clock cannot be moved back.",
              confirmLabel: "Advance",
            })
          )
            advance.mutate({ days: n });
        }}
      >
        <p className="grow mb-0">
          Billing today: <strong data-testid="billing-today">{day(clock.data.now)}</strong>
          <span className="small muted"> (test installation: time can be moved forward)</span>
        </p>
        <Field label="Days" error={error}>
          <Input
            type="number"
            min={1}
            max={400}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            style={{ width: 90 }}
          />
        </Field>
        <Button type="submit" loading={advance.isPending}>
          Advance clock
        </Button>
      </form>
    </Card>
  );
}
