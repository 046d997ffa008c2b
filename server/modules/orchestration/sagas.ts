// Every saga of the platform, by type: the jobs pages and the REST API start, list, retry and
// cancel them whichever module owns them (each saga lives in the module that owns its outcome).
// Read when used, not when this file loads, so the order the faces load in does not matter.

import { SUBSCRIBER_SAGAS } from "@/server/modules/subscribers";
import type { Saga } from "@/server/orchestration/saga";

/** A saga of any input type (for code that handles every saga alike). */
export type AnySaga = Saga<unknown>;
export type SagaType = keyof typeof SUBSCRIBER_SAGAS;
export const sagaTypes = () => Object.keys(SUBSCRIBER_SAGAS) as SagaType[];
export const sagaOf = (type: SagaType): AnySaga => SUBSCRIBER_SAGAS[type] as unknown as AnySaga;
/** The saga of a stored job's type, if it still exists. */
export const findSaga = (type: string): AnySaga | undefined =>
  (SUBSCRIBER_SAGAS as Record<string, unknown>)[type] as AnySaga | undefined;
