// The platform's sagas, by type.
import type { Saga } from "../saga";
import { changePlanSaga } from "./change-plan";
import { deprovisionSubscriberSaga } from "./deprovision-subscriber";
import { provisionSubscriber } from "./provision-subscriber";
import { restoreSubscriberSaga, suspendSubscriberSaga } from "./suspend-restore";

export const SAGAS = {
  "provision-subscriber": provisionSubscriber,
  "suspend-subscriber": suspendSubscriberSaga,
  "restore-subscriber": restoreSubscriberSaga,
  "change-plan": changePlanSaga,
  "deprovision-subscriber": deprovisionSubscriberSaga,
} as const;

/** A saga of any input type (for code that handles every saga alike). */
export type AnySaga = Saga<unknown>;
export const sagaOf = (type: SagaType): AnySaga => SAGAS[type] as unknown as AnySaga;

export type SagaType = keyof typeof SAGAS;
export const SAGA_TYPES = Object.keys(SAGAS) as SagaType[];

export { changePlanSaga, deprovisionSubscriberSaga, provisionSubscriber, restoreSubscriberSaga, suspendSubscriberSaga };
