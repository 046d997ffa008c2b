// Field messages from a failed mutation: zod field errors plus domain errors that name a
// field (e.g. a duplicate slug), so forms can show each message beside its input.
import { TRPCClientError } from "@trpc/client";
import { fieldErrors } from "@/components/trpc";

export function formErrors(error: unknown): Record<string, string | undefined> {
  const errors = fieldErrors(error);
  if (error instanceof TRPCClientError) {
    const details = (error.data as { details?: { field?: string } } | undefined)?.details;
    if (details?.field) errors[details.field] = error.message;
  }
  return errors;
}
