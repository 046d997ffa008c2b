// POST /api/v1/orchestration/provision-subscriber — starts provisioning; `Idempotency-Key`
// makes a repeated request return the same job. Answers 202 with the job and its steps.
import { restJob, restProvisionBody, startSaga } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.provision", async ({ svc, req, idempotencyKey }) => {
  const b = await jsonBody(req, restProvisionBody);
  const job = await startSaga(
    svc,
    "provision-subscriber",
    {
      subscriberId: b.subscriber_id,
      customerId: b.customer_id,
      planId: b.service_plan_id,
      serviceAddressId: b.service_address_id,
      accessType: b.access_type,
      onuSerial: b.onu_serial,
      cpeMac: b.cpe_mac,
      username: b.username,
      password: b.password,
      staticIpv4: b.static_ipv4,
      nasId: b.nas_id,
      vlan: b.vlan,
      poolId: b.pool_id,
      wifi: b.wifi,
    },
    idempotencyKey,
  );
  return Response.json(restJob(job), { status: 202 });
});
