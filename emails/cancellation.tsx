// A cancellation of the service (J4): requested for a day (from the portal or by customer
// service), or withdrawn before that day.
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const cancellationData = z.object({
  status: z.enum(["requested", "withdrawn"]),
  /** The day the service ends. */
  effectiveDate: z.iso.datetime({ offset: true }),
});
export type CancellationData = z.infer<typeof cancellationData>;

export const cancellation = defineTemplate({
  key: "cancellation",
  name: "Cancellation requested or withdrawn",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: cancellationData,
  subject: (d, c) =>
    d.status === "requested"
      ? `Your service ends on ${when(d.effectiveDate, c, false)}`
      : "Your cancellation is withdrawn",
  text: (d, c) =>
    d.status === "requested"
      ? `We have your cancellation: your service ends on ${when(d.effectiveDate, c, false)}. Your final invoice is prorated to that day. Equipment we fitted at your home is to be given back; we will tell you when it is due. Changed your mind? Withdraw it in your portal before that day.`
      : `Your cancellation for ${when(d.effectiveDate, c, false)} is withdrawn: your service carries on as before.`,
  action: (_d, c) => ({ label: "Your service", href: link(c, "/portal/cancel") }),
  sample: { status: "requested", effectiveDate: "2026-12-31T00:00:00Z" },
});
