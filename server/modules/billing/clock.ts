// "Now" for billing, payments and dunning: real time plus the tenant's offset (BillingClock),
// which tests and the e2e journeys move forward so a dunning sequence of 30 days runs without
// sleeping. Nothing in the app moves it.
import type { ServiceContext } from "@/server/service-context";
import { utcDate } from "./money";

export async function billingNow(svc: ServiceContext): Promise<Date> {
  const clock = await svc.db.billingClock.findFirst({});
  return new Date(Date.now() + (clock?.offsetSeconds ?? 0) * 1000);
}

export async function billingToday(svc: ServiceContext): Promise<Date> {
  return utcDate(await billingNow(svc));
}
