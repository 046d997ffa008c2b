// How the in-process simulated adapters turn simulator faults into the errors a real client
// would raise for the same failure on the wire.
import { type ExternalSystem, externalFailure } from "@/server/adapters/errors";
import { invalid } from "@/server/errors";
import { SimInvalid, SimNotFound, SimulatedFault } from "./state";

/** How long a simulated timeout waits before failing (a real client's deadline, shortened). */
export const SIMULATED_TIMEOUT_MS = Number(process.env.SIMULATED_TIMEOUT_MS ?? 200);

export async function simCall<T>(system: ExternalSystem, work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (error instanceof SimulatedFault) {
      if (error.kind === "timeout") {
        await new Promise((resolve) => setTimeout(resolve, SIMULATED_TIMEOUT_MS));
        throw externalFailure(system, "timeout", `deadline of ${SIMULATED_TIMEOUT_MS} ms exceeded`);
      }
      throw externalFailure(system, error.kind, error.message);
    }
    if (error instanceof SimNotFound)
      throw externalFailure(system, "not_found", error.message.replace(/ not found$/, ""));
    if (error instanceof SimInvalid) throw invalid(error.message);
    throw error;
  }
}
