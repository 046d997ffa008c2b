import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberForNetwork } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import {
  allocateAddress,
  allocateSubscriberIp,
  createPool,
  getPool,
  listPools,
  releaseAddress,
  releaseSubscriberIp,
  reserveAddress,
} from "./service";

let t: TestDatabase;
let svc: ServiceContext;
beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
});
afterAll(() => t.drop());

describe("built-in IPAM", () => {
  it("creates a pool with one row per usable address and reserves the gateway", async () => {
    const pool = await createPool(svc, { name: "cgnat-a", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
    const view = await getPool(svc, pool.id);
    expect(view.size).toBe(254);
    expect(view.reserved).toBe(1);
    expect(view.available).toBe(253);
    await expect(createPool(svc, { name: "overlap", prefix: "100.64.0.128/25" })).rejects.toThrow(/overlaps/);
    await expect(createPool(svc, { name: "bad", prefix: "100.65.0.1/24" })).rejects.toThrow(/host bits/);
  });

  it("allocates 1,000 addresses in parallel from one pool without a duplicate", async () => {
    const pool = await createPool(svc, { name: "big", prefix: "100.70.0.0/22" });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => allocateAddress(svc, pool.id, { description: `parallel ${i}` })),
    );
    const elapsed = Date.now() - started;
    const addresses = results.map((r) => r.address);
    expect(new Set(addresses).size).toBe(1000);
    const rows = await t.prisma.ipAddress.count({ where: { poolId: pool.id, status: "ASSIGNED" } });
    expect(rows).toBe(1000);
    console.info(`1000 parallel allocations in ${elapsed} ms`);
    // 1022 usable: 22 left, then the pool is full.
    await Promise.all(Array.from({ length: 22 }, () => allocateAddress(svc, pool.id)));
    await expect(allocateAddress(svc, pool.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await releaseAddress(svc, results[0].id);
    const again = await allocateAddress(svc, pool.id);
    expect(again.address).toBe(results[0].address);
  }, 120_000);

  it("reserves a given address once", async () => {
    const pool = await createPool(svc, { name: "infra", prefix: "10.10.0.0/29", purpose: "INFRASTRUCTURE" });
    await reserveAddress(svc, { poolId: pool.id, address: "10.10.0.3", description: "BNG loopback" });
    await expect(reserveAddress(svc, { poolId: pool.id, address: "10.10.0.3", description: "again" })).rejects.toThrow(
      /already reserved/,
    );
    await expect(reserveAddress(svc, { poolId: pool.id, address: "10.11.0.3", description: "x" })).rejects.toThrow(
      /not inside/,
    );
  });

  it("gives a subscriber one address, idempotently, and releases it", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    const a = await allocateSubscriberIp(svc, await subscriberForNetwork(svc, sub.id));
    const b = await allocateSubscriberIp(svc, await subscriberForNetwork(svc, sub.id));
    expect(b.address).toBe(a.address);
    expect(a.gateway).toBe("100.64.0.1");
    const parallel = await Promise.all([
      allocateSubscriberIp(svc, await subscriberForNetwork(svc, sub.id)),
      allocateSubscriberIp(svc, await subscriberForNetwork(svc, sub.id)),
    ]);
    expect(parallel.map((p) => p.address)).toEqual([a.address, a.address]);
    expect(await t.prisma.ipAddress.count({ where: { subscriberId: sub.id } })).toBe(1);
    expect((await releaseSubscriberIp(svc, sub.id)).released).toEqual([a.address]);
    expect((await releaseSubscriberIp(svc, sub.id)).released).toEqual([]);
  });

  it("keeps tenants apart", async () => {
    const other = await tenantContext(t.prisma);
    const { rows } = await listPools(svc, { page: 1, pageSize: 50 });
    expect(rows.length).toBeGreaterThan(0);
    expect((await listPools(other, { page: 1, pageSize: 50 })).total).toBe(0);
    await expect(getPool(other, rows[0].id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
