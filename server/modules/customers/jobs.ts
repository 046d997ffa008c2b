// The durable work customers own: portal self-registration emails, sent outside the request so
// that answering it takes the same time whether or not the details match a customer.
import { defineJob } from "@/server/jobs";
import { PORTAL_REGISTRATION_EVENT, type PortalRegistration, sendPortalRegistration } from "./portal-registration";

const portalRegistrationEmail = defineJob({
  id: "customers-portal-registration",
  name: "Customers: email a portal registration link",
  trigger: { event: PORTAL_REGISTRATION_EVENT },
  retries: 3,
  run: ({ event, step }) => step.run("send", () => sendPortalRegistration(event.data as PortalRegistration)),
});

export const customersJobs = [portalRegistrationEmail];
