// The public availability check and sign-up, per tenant (its slug in the page address): a
// visitor types an address, sees whether it can be connected and which plans are sold there,
// and leaves their details → a WEB_FORM lead. Limited per tenant and visitor IP
// (server/rate-limit.ts); a honeypot field people never see catches form-filling bots, which
// get the same "thank you" so they learn nothing, and no lead is made.
import { notFound } from "@/server/errors";
import type { AddressInput } from "@/server/modules/addresses";
import { checkServiceability, type ReasonCode } from "@/server/modules/serviceability";
import { tenantBySlug } from "@/server/modules/tenancy";
import { enforceRateLimits, LIMITS } from "@/server/rate-limit";
import { systemContext } from "@/server/service-context";
import { createLead } from "./create-lead";
import { type PublicSignUpInput, publicSignUpInput } from "./inputs";

type Visitor = { ip: string | null };

const VISITOR_REASON: Partial<Record<ReasonCode, string>> = {
  OK: "Good news: fibre is available at this address.",
  BUILD: "Fibre is nearby: connecting this address needs a short build, priced in your quote.",
  SPLITTERS_FULL: "We cannot connect this address yet: leave your details and we will tell you when we can.",
  NO_SPLITTER: "We cannot connect this address yet: leave your details and we will tell you when we can.",
};

async function tenantContextFor(slug: string, job: string) {
  const tenant = await tenantBySlug(slug);
  if (!tenant) throw notFound("This provider");
  return { tenant, svc: systemContext(tenant.id, job) };
}

export async function publicAvailability(slug: string, address: AddressInput, visitor: Visitor) {
  await enforceRateLimits([[`availability:${slug}:${visitor.ip ?? "unknown"}`, LIMITS.availabilityPerIp]]);
  const { svc } = await tenantContextFor(slug, "public-availability");
  const r = await checkServiceability(svc, { address });
  // What a visitor may see: no splitter names or distances.
  return {
    status: r.status,
    reason: VISITOR_REASON[r.reasonCode] ?? r.reason,
    address: r.address.label,
    buildCostMinor: r.buildCostMinor,
    plans: r.plans,
  };
}

export async function publicSignUp(raw: PublicSignUpInput, visitor: Visitor) {
  const input = publicSignUpInput.parse(raw);
  await enforceRateLimits([[`sign-up:${input.tenant}:${visitor.ip ?? "unknown"}`, LIMITS.signUpPerIp]]);
  if (input.website?.trim()) return { received: true as const };
  const { svc } = await tenantContextFor(input.tenant, "public-sign-up");
  await createLead(svc, {
    name: input.name,
    email: input.email,
    phone: input.phone,
    address: input.address,
    planId: input.planId ?? null,
    source: "WEB_FORM",
    notes: `Signed up on the availability page${visitor.ip ? ` from ${visitor.ip}` : ""}.`,
  });
  return { received: true as const };
}
