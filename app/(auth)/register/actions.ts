"use server";
import { headers } from "next/headers";
import { clientIp } from "@/server/client-ip";
import { DomainError } from "@/server/errors";
import { requestPortalRegistration } from "@/server/modules/customers";
import { siteForHost } from "@/server/modules/partners";

export type RegisterState = {
  sent?: boolean;
  error?: string;
  errors?: Record<string, string>;
  accountNumber?: string;
  email?: string;
};

export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  const accountNumber = String(form.get("accountNumber") ?? "");
  const email = String(form.get("email") ?? "");
  const h = await headers();
  // The provider is the one whose address this page was opened on.
  const site = await siteForHost(h.get("x-forwarded-host") ?? h.get("host"));
  if (!site) return { error: "Open this page from your provider's portal address.", accountNumber, email };
  try {
    await requestPortalRegistration({ tenantId: site.tenantId, accountNumber, email, ip: clientIp(h) });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = error.details?.field;
    return typeof field === "string"
      ? { errors: { [field]: error.message }, accountNumber, email }
      : { error: error.message, accountNumber, email };
  }
  return { sent: true, email: email.trim() };
}
