// Every saga of the platform, by type: the jobs pages and the REST API start, list, retry and
// cancel them whichever module owns them (each saga lives in the module that owns its outcome).
// Read when used, not when this file loads: the module cycle (scripts/boundaries-allowlist.txt)
// can load this file before the sagas' modules have finished loading.

import { SUBSCRIBER_SAGAS } from "@/server/modules/subscribers";
import type { Saga } from "@/server/orchestration/saga";

const registry = () => ({ ...SUBSCRIBER_SAGAS }) as const;

/** A saga of any input type (for code that handles every saga alike). */
export type AnySaga = Saga<unknown>;
export type SagaType = keyof ReturnType<typeof registry>;
export const sagaTypes = () => Object.keys(registry()) as SagaType[];
/** The saga of a type (undefined for a type no module defines any more). */
export const sagaOf = (type: SagaType): AnySaga => registry()[type] as unknown as AnySaga;
