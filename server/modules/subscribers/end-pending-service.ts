// A service given up before it ever went live (its installation was cancelled): the teardown
// saga ends it — the one path — which here has little to remove: the pending billing
// subscription is dropped (nobody is billed for a line never installed) and the subscriber is
// terminated. Once per subscriber. A service that went live is not ended here: that is a
// cancellation (./cancellation.ts), with its final invoice.
import { startJob } from "@/server/orchestration/runner";
import type { ServiceContext } from "@/server/service-context";
import { deprovisionSubscriberSaga } from "./deprovision-subscriber";
import { getSubscriber } from "./service";

export async function endPendingService(svc: ServiceContext, subscriberId: string, reason: string) {
  const sub = await getSubscriber(svc, subscriberId);
  if (sub.status !== "PENDING") return null;
  return startJob(svc, deprovisionSubscriberSaga, { subscriberId, reason }, `pending-service-ended:${subscriberId}`);
}
