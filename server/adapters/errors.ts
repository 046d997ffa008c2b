// How adapters report failures of external systems: as domain errors carrying the system
// and the kind of failure, so callers (sagas) can tell a retryable timeout from a refusal.
import { DomainError } from "@/server/errors";

export type ExternalSystem = "VOLTHA" | "GenieACS" | "NetBox" | "ONOS";
export type FailureKind = "timeout" | "error" | "nak" | "not_found" | "exhausted";

export function externalFailure(system: ExternalSystem, kind: FailureKind, message: string): DomainError {
  const details = { system, kind, retryable: kind === "timeout" || kind === "error" };
  switch (kind) {
    case "timeout":
      return new DomainError(
        "UNAVAILABLE",
        `${system} did not answer in time (${message}); try again shortly`,
        details,
      );
    case "error":
      return new DomainError("UNAVAILABLE", `${system} failed: ${message}`, details);
    case "nak":
      return new DomainError("CONFLICT", `${system} refused the request: ${message}`, details);
    case "not_found":
      return new DomainError("NOT_FOUND", `${message} was not found in ${system}`, details);
    case "exhausted":
      return new DomainError("CONFLICT", `${message} — add addresses to the pool or use another pool`, details);
  }
}

export function failureKindOf(error: unknown): FailureKind | null {
  if (error instanceof DomainError) return (error.details?.kind as FailureKind | undefined) ?? null;
  return null;
}
