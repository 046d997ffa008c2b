import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { DomainError, malformedValueError, TRPC_CODE } from "@/server/errors";
import type { Permission } from "@/server/modules/identity";
import type { Context } from "./context";

export type Meta = {
  /** The permission a caller needs; "public" and "authenticated" are the two open levels. */
  permission: Permission | "public" | "authenticated";
};

/**
 * Messages by field for a form: top-level fields by name, nested ones by their dotted path too
 * ("taxRates.0.percent", "radius.coaPort"), so a message can sit beside the input it is about.
 */
export function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = { ...error.flatten().fieldErrors } as Record<string, string[]>;
  for (const issue of error.issues) {
    if (issue.path.length < 2) continue;
    const key = issue.path.join(".");
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return errors;
}

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field errors a form can show beside its inputs.
          fieldErrors: cause instanceof ZodError ? fieldErrorsOf(cause) : undefined,
          details: cause instanceof DomainError ? cause.details : undefined,
        },
      };
    },
  });

/** Maps domain errors thrown by services to tRPC errors with the same message. */
export const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = malformedValueError(result.error.cause) ?? result.error.cause;
    if (!(cause instanceof DomainError)) return result;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});
