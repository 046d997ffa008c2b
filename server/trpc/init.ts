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
          fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : undefined,
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
