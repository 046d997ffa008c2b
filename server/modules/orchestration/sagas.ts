// Every saga of the platform, by type: the jobs pages and the REST API start, list, retry and
// cancel them whichever module owns them (each saga lives in the module that owns its outcome).

import { SUBSCRIBER_SAGAS } from "@/server/modules/subscribers";
import type { Saga } from "@/server/orchestration/saga";

export const SAGAS = { ...SUBSCRIBER_SAGAS } as const;

/** A saga of any input type (for code that handles every saga alike). */
export type AnySaga = Saga<unknown>;
export type SagaType = keyof typeof SAGAS;
export const SAGA_TYPES = Object.keys(SAGAS) as SagaType[];
export const sagaOf = (type: SagaType): AnySaga => SAGAS[type] as unknown as AnySaga;
