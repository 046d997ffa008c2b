// Convert an accepted quote: the customer (an existing one with the lead's email is reused),
// the service address, the subscriber (PENDING, on the quoted plan), its billing subscription
// (PENDING, holding the quote's installation, equipment, add-on and discount lines), the
// splitter leg the address is promised, and the install work order; the lead records the
// customer and subscriber. Billing starts when the installation is completed and provisioning
// activates the service (the provisioning saga's billing step), so nobody pays for a line not
// yet live; a cancelled install drops it.
// Each step records its result on the quote and is skipped when already done, so a retry after
// a failure picks up where it stopped and never makes a second customer.
import { invalid, notFound } from "@/server/errors";
import { getAddress } from "@/server/modules/addresses";
import { createPendingBillingSubscription } from "@/server/modules/billing";
import { advanceLead, getLead } from "@/server/modules/crm";
import { addServiceAddress, createCustomer, findCustomerByEmail, getCustomer } from "@/server/modules/customers";
import { checkServiceability, reserveDrop } from "@/server/modules/serviceability";
import { createSubscriber } from "@/server/modules/subscribers";
import { createWorkOrder } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { billingChargesOf } from "./pricing";

export async function convertQuote(svc: ServiceContext, quoteId: string) {
  let quote = await svc.db.quote.findFirst({ where: { id: quoteId } });
  if (!quote) throw notFound("The quote");
  if (quote.status !== "ACCEPTED") throw invalid("Only an accepted quote is converted");
  const lead = await getLead(svc, quote.leadId);
  const address = quote.addressId ? await getAddress(svc, quote.addressId) : null;
  if (!address) throw invalid("The quote has no service address");
  const signer = (quote.acceptance as { name?: string } | null)?.name ?? lead.name;
  const record = async (data: { customerId?: string; subscriberId?: string; workOrderId?: string }) => {
    quote = await svc.db.quote.update({ where: { id: quoteId }, data });
  };

  if (!quote.customerId) {
    const existing = lead.email ? await findCustomerByEmail(svc, lead.email) : null;
    const customer =
      existing ??
      (await createCustomer(svc, {
        name: lead.name,
        email: lead.email ?? "",
        phone: lead.phone,
        billingLine1: `${address.streetName} ${address.streetNr}`,
        billingLine2: address.unit || null,
        billingCity: address.city,
        billingPostcode: address.postcode,
        billingCountry: address.country,
        partnerId: lead.partnerId,
        notes: `From lead L-${lead.number}; quote ${quote.number} accepted by ${signer}.`,
      }));
    await record({ customerId: customer.id });
  }
  const customerId = quote.customerId as string;

  if (!quote.subscriberId) {
    const customer = await getCustomer(svc, customerId);
    const line1 = `${address.streetName} ${address.streetNr}`;
    const serviceAddress =
      customer.serviceAddresses.find(
        (a) => a.line1 === line1 && (a.line2 ?? "") === address.unit && a.postcode === address.postcode,
      ) ??
      (await addServiceAddress(svc, customerId, {
        line1,
        line2: address.unit || null,
        city: address.city,
        postcode: address.postcode,
        country: address.country,
        latitude: address.latitude,
        longitude: address.longitude,
      }));
    const subscriber = await createSubscriber(svc, {
      customerId,
      planId: quote.planId,
      serviceAddressId: serviceAddress.id,
      idempotencyKey: `quote:${quote.id}`,
    });
    await record({ subscriberId: subscriber.id });
  }
  const subscriberId = quote.subscriberId as string;

  // Asking again returns the pending subscription as it is.
  const lines = await svc.db.quoteLine.findMany({ where: { quoteId }, orderBy: { position: "asc" } });
  await createPendingBillingSubscription(
    svc,
    { id: subscriberId, customerId, planId: quote.planId },
    {
      planId: quote.planId,
      ...billingChargesOf(quote.id, lines),
    },
  );

  // The splitter leg: the nearest free one now (capacity may have moved since the quote).
  const where = await checkServiceability(svc, { address });
  const drop = where.splitter
    ? await reserveDrop(svc, {
        splitterId: where.splitter.id,
        addressId: address.id,
        reference: `quote:${quote.id}`,
        subscriberId,
      })
    : null;

  if (!quote.workOrderId) {
    const order = await createWorkOrder(svc, {
      type: "INSTALL",
      title: `Install ${lead.name} (${quote.number})`,
      description: [
        `Quote ${quote.number} accepted by ${signer}.`,
        drop && where.splitter
          ? `Splitter ${where.splitter.name}, ${where.splitter.distanceM} m.`
          : "No free splitter leg was found at conversion: check capacity before installing.",
      ].join(" "),
      customerId,
      subscriberId,
      leadId: lead.id,
      ...(address.latitude != null && address.longitude != null
        ? { latitude: address.latitude, longitude: address.longitude }
        : {}),
    });
    await record({ workOrderId: order.id });
  }

  await advanceLead(svc, lead.id, "QUOTED", {
    note: `Quote ${quote.number} accepted by ${signer}: customer, subscriber and install work order created`,
    customerId,
    subscriberId,
  });
  return svc.db.quote.update({ where: { id: quoteId }, data: { conversionError: null } });
}
