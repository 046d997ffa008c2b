// The dunning policy's shape (shared by the service, the router and the policy editor).
import { z } from "zod";

export const DUNNING_ACTIONS = ["EMAIL", "SMS", "SUSPEND", "DISCONNECT"] as const;
export type DunningActionKind = (typeof DUNNING_ACTIONS)[number];

export const dunningStep = z.object({
  day: z
    .number({ message: "Enter the day as a number" })
    .int("Use whole days")
    .min(0, "Day 0 (the due date) is the earliest")
    .max(365, "At most 365 days overdue"),
  action: z.enum(DUNNING_ACTIONS, { message: "Choose email, SMS, suspend or disconnect" }),
});
export const dunningSteps = z
  .array(dunningStep)
  .min(1, "Add at least one step")
  .max(20, "At most 20 steps")
  .refine((steps) => new Set(steps.map((s) => `${s.day}:${s.action}`)).size === steps.length, {
    message: "The same action cannot be on the same day twice",
  })
  .refine((steps) => steps.filter((s) => s.action === "SUSPEND").length <= 1, {
    message: "Suspend the service at most once",
  })
  .refine((steps) => steps.filter((s) => s.action === "DISCONNECT").length <= 1, {
    message: "Disconnect at most once",
  })
  .refine(
    (steps) => {
      const suspend = steps.find((s) => s.action === "SUSPEND");
      const disconnect = steps.find((s) => s.action === "DISCONNECT");
      return !suspend || !disconnect || disconnect.day > suspend.day;
    },
    { message: "Disconnect must come after the suspension" },
  )
  .refine(
    (steps) => {
      const end = steps.find((s) => s.action === "DISCONNECT");
      return !end || steps.every((s) => s.day <= end.day);
    },
    { message: "Disconnect is the last step: nothing can follow it" },
  );
export type DunningStep = z.infer<typeof dunningStep>;

export const DEFAULT_DUNNING_STEPS: DunningStep[] = [
  { day: 3, action: "EMAIL" },
  { day: 7, action: "SMS" },
  { day: 14, action: "SUSPEND" },
  { day: 30, action: "DISCONNECT" },
];
