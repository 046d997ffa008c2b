// Domain errors: services throw these; tRPC and the REST API map them to codes in one place.
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "UNAVAILABLE"
  | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError("CONFLICT", message, details);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError("INVALID", message, details);
export const forbidden = (message = "You do not have permission to do that") => new DomainError("FORBIDDEN", message);
export const unavailable = (message: string) => new DomainError("UNAVAILABLE", message);

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
};

export const TRPC_CODE = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
} as const satisfies Record<DomainErrorCode, string>;

/** Turns a Prisma unique-constraint error into a readable CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** A Prisma foreign-key refusal (P2003): e.g. deleting a row others still point at (ON DELETE RESTRICT). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003";
}

/**
 * A database refusal of a malformed value (P2007, e.g. "not-a-uuid" where an id goes) as the
 * INVALID it is, so no entry point answers 500 to malformed input; null for anything else.
 */
export function malformedValueError(error: unknown): DomainError | null {
  if (typeof error !== "object" || error === null || (error as { code?: string }).code !== "P2007") return null;
  const uuid = /type uuid/.test(String((error as { message?: string }).message));
  return new DomainError(
    "INVALID",
    uuid ? "That id is not valid (ids are UUIDs)" : "A value in the request is not valid",
  );
}
