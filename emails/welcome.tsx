// Welcome: the service is active (end of J1's provisioning).
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const welcomeData = z.object({
  planName: z.string(),
  username: z.string(),
  activatedAt: z.iso.datetime({ offset: true }),
  downloadMbps: z.number().optional(),
  uploadMbps: z.number().optional(),
});
export type WelcomeData = z.infer<typeof welcomeData>;

export const welcome = defineTemplate({
  key: "welcome",
  name: "Welcome (service activated)",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: welcomeData,
  subject: (_d, c) => `Welcome to ${c.brand.name} — your fiber service is active`,
  text: (d, c) => `Your ${d.planName} service with ${c.brand.name} is now active. Enjoy your connection!`,
  details: (d, c) => [
    ["Plan", d.planName],
    ...(d.downloadMbps ? ([["Speed", `${d.downloadMbps}/${d.uploadMbps ?? "?"} Mbit/s`]] as [string, string][]) : []),
    ["Username", d.username],
    ["Active since", when(d.activatedAt, c)],
  ],
  action: (_d, c) => ({ label: "Open your customer portal", href: link(c, "/portal") }),
  sample: {
    planName: "Fiber 500",
    username: "ana.silva",
    activatedAt: "2026-11-24T09:30:00Z",
    downloadMbps: 500,
    uploadMbps: 100,
  },
});
