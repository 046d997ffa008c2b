// Billing messages (invoice issued, receipt, payment failed, dunning reminder) go through the
// notifications module: to the subscriber on their preferred channels when the document
// belongs to a subscriber, else by email to the customer. A failing message never undoes the
// money operation that caused it; it is logged by notifications and can be re-sent.

import type { TemplateKey } from "@/emails/catalog";
import { notify, notifyContact, type TemplateData } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";

export type BillingTemplate = Extract<
  TemplateKey,
  "invoice_issued" | "payment_received" | "payment_failed" | "dunning_reminder" | "suspended" | "restored"
>;

export async function billingNotice<K extends BillingTemplate>(
  svc: ServiceContext,
  /** customerId: whose white label (a reseller's) an email without a subscriber wears. */
  to: { subscriberId: string | null; email: string | null; name: string; customerId?: string | null },
  template: K,
  data: TemplateData<K>,
  opts: { dedupeKey?: string; channels?: Array<"EMAIL" | "SMS" | "PUSH" | "INBOX"> } = {},
): Promise<{ ok: boolean; error?: string }> {
  try {
    if (to.subscriberId) {
      await notify(svc, {
        subscriberId: to.subscriberId,
        template,
        data,
        dedupeKey: opts.dedupeKey,
        channels: opts.channels,
      });
    } else if (to.email) {
      await notifyContact(svc, {
        to: { email: to.email, name: to.name },
        template,
        data,
        dedupeKey: opts.dedupeKey,
        customerId: to.customerId,
      });
    } else {
      return { ok: false, error: "no recipient" };
    }
    return { ok: true };
  } catch (error) {
    console.error(`billing notice ${template} failed`, error);
    return { ok: false, error: (error as Error).message };
  }
}
