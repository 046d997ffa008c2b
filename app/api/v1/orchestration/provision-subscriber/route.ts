// POST /api/v1/orchestration/provision-subscriber — starts provisioning; `Idempotency-Key`
// makes a repeated request return the same job. Answers 202 with the job and its steps, or with
// `dry_run` 200 with each step's intended change (nothing is started).
import { restProvisionBody, startOrPreview } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.provision", async (args) => {
  const b = await jsonBody(args.req, restProvisionBody);
  return startOrPreview(args, "provision-subscriber", b, {
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
  });
});
