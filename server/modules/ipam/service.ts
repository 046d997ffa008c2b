// IP address management. The built-in IPAM keeps one row per usable address of each pool;
// allocation claims the lowest free row with `FOR UPDATE SKIP LOCKED`, so concurrent
// allocations never hand out the same address and never wait on each other. Tenants who keep
// their addresses in NetBox get them from there (server/adapters/ipam) and we mirror each
// allocated address as a row here, so the pool view and the subscriber link are the same.

import { intToIp, ipToInt } from "@/lib/ipv4";
import { ipamAdapter } from "@/server/adapters/compose";
import { failureKindOf } from "@/server/adapters/errors";
import type { IpamAdapter } from "@/server/adapters/ipam/port";
import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { resolveIntegration } from "@/server/modules/integrations";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock, tenantSql } from "@/server/sql";
import { type CreatePoolInput, type CreateVlanInput, createPoolInput, createVlanInput } from "./schemas";

/** The tenant's external IPAM (NetBox or its simulator), or null for the built-in one. */
export async function ipamAdapterFor(svc: ServiceContext) {
  return ipamAdapter(svc.tenantId, await resolveIntegration(svc, "IPAM"));
}

/** Largest pool the built-in IPAM materialises (a /16: 65,534 addresses). */
const MIN_PREFIX_LENGTH = 16;

export function usableCount(prefix: string) {
  const len = Number(prefix.split("/")[1]);
  const size = 2 ** (32 - len);
  return len >= 31 ? size : size - 2;
}

function hostOf(inet: string) {
  return inet.split("/")[0];
}

/** Whether the address lies inside the prefix ("100.64.0.7" in "100.64.0.0/24"). */
function inside(address: string, prefix: string) {
  const [net, len] = prefix.split("/");
  const start = ipToInt(net!);
  const at = ipToInt(hostOf(address)!);
  return at >= start && at < start + 2 ** (32 - Number(len ?? 32));
}

// ------------------------------------------------------------------ pools
export async function createPool(svc: ServiceContext, raw: CreatePoolInput) {
  const input = createPoolInput.parse(raw);
  const len = Number(input.prefix.split("/")[1]);
  if (len < MIN_PREFIX_LENGTH || len > 32) throw invalid(`Use a prefix between /${MIN_PREFIX_LENGTH} and /32`);
  const [net] = input.prefix.split("/");
  const size = 2 ** (32 - len);
  if (ipToInt(net) % size !== 0)
    throw invalid(
      `${input.prefix} has host bits set; the network is ${intToIp(ipToInt(net) - (ipToInt(net) % size))}/${len}`,
    );
  if (input.gateway) {
    const g = ipToInt(input.gateway);
    if (g < ipToInt(net) || g >= ipToInt(net) + size) throw invalid(`The gateway must lie inside ${input.prefix}`);
  }
  const overlapping = await tenantSql(svc.db, svc.tenantId).query<{ name: string }[]>`
    SELECT name FROM "IpPool" WHERE "tenantId" = ${svc.tenantId}::uuid AND prefix && ${input.prefix}::inet LIMIT 1`;
  if (overlapping.length) throw conflict(`${input.prefix} overlaps the pool "${overlapping[0].name}"`);
  // Checked before the external IPAM is touched, so a refused pool leaves nothing there.
  if (await svc.db.ipPool.findFirst({ where: { name: input.name }, select: { id: true } }))
    throw conflict(`A pool named "${input.name}" already exists`);
  const external = await ipamAdapterFor(svc);
  // An ISP that already uses NetBox usually has the prefix there: it is adopted, not duplicated.
  const externalPrefix = external
    ? await external.createPrefix({ prefix: input.prefix, description: input.description ?? input.name })
    : null;
  // The gateway is recorded in the external IPAM too, so no subscriber is ever given it.
  const externalGateway =
    external && input.gateway
      ? await external.reserve(`${input.gateway}/${len}`, {
          description: `gateway of pool ${input.name}`,
          adoptExisting: true,
        })
      : null;
  try {
    return await svc.db.$transaction(
      async (tx) => {
        const pool = await tx.ipPool.create({
          data: {
            tenantId: svc.tenantId,
            name: input.name,
            prefix: input.prefix,
            gateway: input.gateway ?? null,
            purpose: input.purpose,
            vlanId: input.vlanId ?? null,
            dnsServers: input.dnsServers,
            description: input.description,
            framedPool: input.framedPool ?? null,
            externalId: externalPrefix?.id ?? null,
          },
        });
        if (externalGateway)
          await tx.ipAddress.create({
            data: {
              tenantId: svc.tenantId,
              poolId: pool.id,
              address: input.gateway!,
              status: "RESERVED",
              // An address we did not create stays theirs: no [kind:id] tag, so releasing the
              // row never deletes it from the external IPAM.
              description: externalGateway.adopted ? "gateway" : `gateway [${external!.kind}:${externalGateway.id}]`,
            },
          });
        if (!external) {
          const first = len >= 31 ? 0 : 1;
          const last = len >= 31 ? size - 1 : size - 2;
          await tenantSql(tx, svc.tenantId).execute`
            INSERT INTO "IpAddress" (id, "tenantId", "poolId", address, status, "updatedAt")
            SELECT gen_random_uuid(), ${svc.tenantId}::uuid, ${pool.id}::uuid,
                   set_masklen(${input.prefix}::inet + i, 32), 'AVAILABLE'::"IpAddressStatus", now()
            FROM generate_series(${first}::bigint, ${last}::bigint) AS i`;
          if (input.gateway)
            await tenantSql(tx, svc.tenantId).execute`
              UPDATE "IpAddress" SET status = 'RESERVED'::"IpAddressStatus", description = 'gateway', "updatedAt" = now()
              WHERE "tenantId" = ${svc.tenantId}::uuid AND "poolId" = ${pool.id}::uuid AND address = ${input.gateway}::inet`;
        }
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: "ipam.pool.create",
          targetType: "IpPool",
          targetId: pool.id,
          after: { ...pool, externalPrefixAdopted: externalPrefix?.adopted ?? null },
        });
        return pool;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A pool named "${input.name}" already exists`);
    throw error;
  }
}

type PoolRow = Awaited<ReturnType<ServiceContext["db"]["ipPool"]["findFirstOrThrow"]>>;

async function withUtilisation(svc: ServiceContext, pools: PoolRow[]) {
  if (!pools.length) return [];
  const counts = await svc.db.ipAddress.groupBy({
    by: ["poolId", "status"],
    where: { poolId: { in: pools.map((p) => p.id) } },
    _count: { _all: true },
  });
  return pools.map((pool) => {
    const count = (status: string) => counts.find((c) => c.poolId === pool.id && c.status === status)?._count._all ?? 0;
    const size = usableCount(pool.prefix);
    const assigned = count("ASSIGNED");
    const reserved = count("RESERVED");
    return {
      ...pool,
      size,
      assigned,
      reserved,
      available: size - assigned - reserved,
      utilisation: size ? (assigned + reserved) / size : 0,
    };
  });
}

export async function listPools(svc: ServiceContext, input: ListInput) {
  const where: Prisma.IpPoolWhereInput = input.search
    ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { description: { contains: input.search } }] }
    : {};
  if (input.filters?.purpose) where.purpose = input.filters.purpose;
  const [rows, total] = await Promise.all([
    svc.db.ipPool.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["name", "prefix", "purpose", "createdAt"] as const, { name: "asc" }),
      include: { vlan: true },
    }),
    svc.db.ipPool.count({ where }),
  ]);
  return { rows: await withUtilisation(svc, rows), total };
}

export async function getPool(svc: ServiceContext, id: string) {
  const pool = await svc.db.ipPool.findFirst({ where: { id }, include: { vlan: true } });
  if (!pool) throw notFound("IP pool");
  const [withUse] = await withUtilisation(svc, [pool]);
  return { ...withUse, vlan: pool.vlan };
}

export async function listAddresses(svc: ServiceContext, input: ListInput & { poolId: string }) {
  const where: Prisma.IpAddressWhereInput = { poolId: input.poolId };
  if (input.filters?.status) where.status = input.filters.status as Prisma.EnumIpAddressStatusFilter["equals"];
  else where.status = { not: "AVAILABLE" };
  if (input.search)
    where.OR = [
      { description: { contains: input.search } },
      { subscriberId: { equals: isUuid(input.search) ? input.search : undefined } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.ipAddress.findMany({ where, ...pageArgs(input), orderBy: { address: "asc" } }),
    svc.db.ipAddress.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, address: hostOf(r.address) })), total };
}

function isUuid(s: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

export async function deletePool(svc: ServiceContext, id: string) {
  const pool = await svc.db.ipPool.findFirst({ where: { id } });
  if (!pool) throw notFound("IP pool");
  const inUse = await svc.db.ipAddress.count({ where: { poolId: id, status: "ASSIGNED" } });
  if (inUse) throw conflict(`${inUse} addresses of "${pool.name}" are assigned; release them before deleting the pool`);
  await svc.db.$transaction(async (tx) => {
    await tx.ipPool.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "ipam.pool.delete",
      targetType: "IpPool",
      targetId: id,
      before: pool,
    });
  });
  return { id };
}

// ------------------------------------------------------------------ addresses
export type Allocation = { id: string; address: string; poolId: string };

async function claimBuiltin(
  svc: ServiceContext,
  poolId: string,
  input: { subscriberId?: string | null; description?: string | null },
): Promise<Allocation | null> {
  const rows = await tenantSql(svc.db, svc.tenantId).query<{ id: string; address: string }[]>`
    UPDATE "IpAddress" SET status = 'ASSIGNED'::"IpAddressStatus", "subscriberId" = ${input.subscriberId ?? null}::uuid,
           description = ${input.description ?? null}, "assignedAt" = now(), "updatedAt" = now()
    WHERE id = (
      SELECT id FROM "IpAddress"
      WHERE "poolId" = ${poolId}::uuid AND "tenantId" = ${svc.tenantId}::uuid AND status = 'AVAILABLE'::"IpAddressStatus"
      ORDER BY address LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id, host(address) AS address`;
  return rows[0] ? { ...rows[0], poolId } : null;
}

async function claimExternal(
  svc: ServiceContext,
  adapter: IpamAdapter,
  pool: PoolRow,
  input: { subscriberId?: string | null; description?: string | null },
): Promise<Allocation | null> {
  if (!pool.externalId) throw invalid(`Pool "${pool.name}" has no prefix in the external IPAM; recreate it`);
  let external: Awaited<ReturnType<IpamAdapter["allocate"]>>;
  try {
    external = await adapter.allocate(pool.externalId, {
      description: input.description ?? "",
      reference: input.subscriberId ?? undefined,
    });
  } catch (error) {
    if (failureKindOf(error) === "exhausted") return null;
    throw error;
  }
  const row = await svc.db.ipAddress.create({
    data: {
      tenantId: svc.tenantId,
      poolId: pool.id,
      address: hostOf(external.address),
      status: "ASSIGNED",
      subscriberId: input.subscriberId ?? null,
      description: `${input.description ?? ""} [${adapter.kind}:${external.id}]`.trim(),
      assignedAt: new Date(),
    },
  });
  return { id: row.id, address: hostOf(external.address), poolId: pool.id };
}

function externalIdOf(description: string | null) {
  return description?.match(/\[(?:netbox|simulator):(\d+)\]$/)?.[1] ?? null;
}

/** Claims the next free address of a pool. CONFLICT when the pool is full. */
export async function allocateAddress(
  svc: ServiceContext,
  poolId: string,
  input: { subscriberId?: string | null; description?: string | null } = {},
): Promise<Allocation> {
  const pool = await svc.db.ipPool.findFirst({ where: { id: poolId } });
  if (!pool) throw notFound("IP pool");
  const adapter = await ipamAdapterFor(svc);
  const got = adapter ? await claimExternal(svc, adapter, pool, input) : await claimBuiltin(svc, poolId, input);
  if (!got) throw conflict(`Pool "${pool.name}" (${pool.prefix}) has no free address; add a pool or free addresses`);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "ipam.address.allocate",
    targetType: "IpAddress",
    targetId: got.id,
    after: { ...got, subscriberId: input.subscriberId ?? null },
  });
  return got;
}

/** Returns an address to its pool (no-op if it is already free). */
export async function releaseAddress(svc: ServiceContext, addressId: string) {
  const row = await svc.db.ipAddress.findFirst({ where: { id: addressId } });
  if (!row) throw notFound("IP address");
  if (row.status === "AVAILABLE") return { id: row.id, released: false };
  const externalId = externalIdOf(row.description);
  const adapter = externalId ? await ipamAdapterFor(svc) : null;
  if (adapter && externalId) {
    try {
      await adapter.release(externalId);
    } catch (error) {
      if (failureKindOf(error) !== "not_found") throw error;
    }
  }
  await svc.db.$transaction(async (tx) => {
    if (externalId) await tx.ipAddress.delete({ where: { id: row.id } });
    else
      await tx.ipAddress.update({
        where: { id: row.id },
        data: { status: "AVAILABLE", subscriberId: null, description: null, assignedAt: null },
      });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "ipam.address.release",
      targetType: "IpAddress",
      targetId: row.id,
      before: { ...row, address: hostOf(row.address) },
    });
  });
  return { id: row.id, released: true };
}

/** Reserves one given address of a pool (gateway, static customer, infrastructure). */
export async function reserveAddress(
  svc: ServiceContext,
  input: { poolId: string; address: string; description: string },
) {
  const pool = await svc.db.ipPool.findFirst({ where: { id: input.poolId } });
  if (!pool) throw notFound("IP pool");
  if (!inside(input.address, pool.prefix)) throw invalid(`${input.address} is not inside ${pool.prefix}`);
  const existing = await svc.db.ipAddress.findFirst({ where: { poolId: pool.id, address: input.address } });
  if (existing && existing.status !== "AVAILABLE")
    throw conflict(
      `${input.address} is already ${existing.status.toLowerCase()}${existing.description ? ` (${existing.description})` : ""}`,
    );
  const adapter = pool.externalId ? await ipamAdapterFor(svc) : null;
  // Recorded with the pool's mask, as NetBox records the addresses it hands out.
  const ext = adapter
    ? await adapter.reserve(`${input.address}/${pool.prefix.split("/")[1]}`, { description: input.description })
    : null;
  const description = ext ? `${input.description} [${adapter!.kind}:${ext.id}]` : input.description;
  const row = existing
    ? await svc.db.ipAddress.update({ where: { id: existing.id }, data: { status: "RESERVED", description } })
    : await svc.db.ipAddress.create({
        data: { tenantId: svc.tenantId, poolId: pool.id, address: input.address, status: "RESERVED", description },
      });
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "ipam.address.reserve",
    targetType: "IpAddress",
    targetId: row.id,
    after: { address: input.address, description: input.description },
  });
  return { ...row, address: hostOf(row.address) };
}

// ------------------------------------------------------------------ VLANs
export async function createVlan(svc: ServiceContext, raw: CreateVlanInput) {
  const input = createVlanInput.parse(raw);
  const adapter = await ipamAdapterFor(svc);
  const ext = adapter ? await adapter.createVlan({ vid: input.vid, name: input.name }) : null;
  try {
    return await svc.db.$transaction(async (tx) => {
      const vlan = await tx.vlan.create({
        data: {
          tenantId: svc.tenantId,
          vid: input.vid,
          name: input.name,
          purpose: input.purpose,
          description: input.description,
          externalId: ext?.id ?? null,
        },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "ipam.vlan.create",
        targetType: "Vlan",
        targetId: vlan.id,
        after: vlan,
      });
      return vlan;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`VLAN ${input.vid} already exists`);
    throw error;
  }
}

export async function listVlans(svc: ServiceContext, input: ListInput) {
  const where: Prisma.VlanWhereInput = input.search
    ? {
        OR: [
          { name: { contains: input.search, mode: "insensitive" } },
          ...(/^\d+$/.test(input.search) ? [{ vid: Number(input.search) }] : []),
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    svc.db.vlan.findMany({ where, ...pageArgs(input), orderBy: { vid: "asc" } }),
    svc.db.vlan.count({ where }),
  ]);
  return { rows, total };
}

// ------------------------------------------------------------------ subscriber contract
/** The address(es) a subscriber holds in our IPAM. */
export async function subscriberAddresses(svc: ServiceContext, subscriberId: string) {
  const rows = await svc.db.ipAddress.findMany({
    where: { subscriberId, status: { in: ["ASSIGNED", "RESERVED"] } },
    include: { pool: { select: { name: true, gateway: true, dnsServers: true } } },
  });
  return rows.map((r) => ({ ...r, address: hostOf(r.address) }));
}

/**
 * Gives the subscriber an IPv4 address: its static address if it has one (reserved in the
 * pool that contains it), otherwise the next free address of `poolId` or of the first
 * subscriber pool with room. Idempotent: a subscriber that already holds an address keeps it.
 */
export type SubscriberAllocation = {
  id: string;
  /** The address; null when the pool's addresses are handed out by the BNG (`framedPool`). */
  address: string | null;
  poolId: string;
  /** The BNG's pool to send as Framed-Pool instead of an address. */
  framedPool: string | null;
  gateway: string | null;
  dnsServers: string[];
};

/** What IPAM needs of the subscriber; the subscribers module (above IPAM) passes it in. */
export type SubscriberForIp = { id: string; username: string; staticIpv4: string | null };

export async function allocateSubscriberIp(
  svc: ServiceContext,
  subscriber: SubscriberForIp,
  opts: { poolId?: string } = {},
): Promise<SubscriberAllocation> {
  const subscriberId = subscriber.id;
  // One allocation at a time per subscriber, so a retried step cannot take two addresses.
  return svc.db.$transaction(
    async (tx) => {
      await advisoryLock(tx, `ipam:${subscriberId}`);
      const held = await tx.ipAddress.findFirst({
        where: { subscriberId, status: { in: ["ASSIGNED", "RESERVED"] } },
        include: { pool: true },
        orderBy: { assignedAt: "asc" },
      });
      if (held)
        return {
          id: held.id,
          address: hostOf(held.address),
          poolId: held.poolId,
          framedPool: null,
          gateway: held.pool.gateway ? hostOf(held.pool.gateway) : null,
          dnsServers: held.pool.dnsServers,
        };
      const scoped: ServiceContext = { ...svc, db: tx as unknown as ServiceContext["db"] };
      if (subscriber.staticIpv4) {
        const ip = hostOf(subscriber.staticIpv4);
        const pools = await tenantSql(tx, svc.tenantId).query<{ id: string }[]>`
          SELECT id::text FROM "IpPool" WHERE "tenantId" = ${svc.tenantId}::uuid AND ${ip}::inet << prefix LIMIT 1`;
        if (pools[0]) {
          const row = await reserveAddress(scoped, {
            poolId: pools[0].id,
            address: ip,
            description: `static ${subscriber.username}`,
          });
          await tx.ipAddress.update({ where: { id: row.id }, data: { subscriberId, assignedAt: new Date() } });
          const pool = await tx.ipPool.findFirstOrThrow({ where: { id: pools[0].id } });
          return {
            id: row.id,
            address: ip,
            poolId: pool.id,
            framedPool: null,
            gateway: pool.gateway && hostOf(pool.gateway),
            dnsServers: pool.dnsServers,
          };
        }
        // A static address outside every pool is managed elsewhere: nothing to allocate.
        return { id: `static:${ip}`, address: ip, poolId: "", framedPool: null, gateway: null, dnsServers: [] };
      }
      const pools = opts.poolId
        ? await tx.ipPool.findMany({ where: { id: opts.poolId } })
        : await tx.ipPool.findMany({ where: { purpose: "SUBSCRIBER" }, orderBy: { name: "asc" } });
      if (!pools.length)
        throw opts.poolId
          ? notFound("IP pool")
          : invalid("There is no subscriber IP pool; create one under Network → IP pools");
      const adapter = await ipamAdapterFor(svc);
      const description = `subscriber ${subscriber.username}`;
      for (const pool of pools) {
        // The BNG picks the address from its own pool: nothing to claim here.
        if (pool.framedPool)
          return {
            id: `pool:${pool.id}`,
            address: null,
            poolId: pool.id,
            framedPool: pool.framedPool,
            gateway: pool.gateway ? hostOf(pool.gateway) : null,
            dnsServers: pool.dnsServers,
          };
        const got = adapter
          ? await claimExternal(scoped, adapter, pool, { subscriberId, description })
          : await claimBuiltin(scoped, pool.id, { subscriberId, description });
        if (got) {
          await recordAudit(tx, {
            tenantId: svc.tenantId,
            actor: svc.actor,
            action: "ipam.address.allocate",
            targetType: "IpAddress",
            targetId: got.id,
            after: { ...got, subscriberId },
          });
          return {
            ...got,
            framedPool: null,
            gateway: pool.gateway ? hostOf(pool.gateway) : null,
            dnsServers: pool.dnsServers,
          };
        }
      }
      throw conflict(
        `Every subscriber pool is full (${pools.map((p) => p.name).join(", ")}); add a pool under Network → IP pools`,
      );
    },
    { timeout: 30_000 },
  );
}

/**
 * What `allocateSubscriberIp` would give the subscriber, without claiming anything (dry run):
 * the address it holds, its static address, the BNG pool, or the next free address of the pool
 * (the built-in IPAM's lowest free row; NetBox picks its own next free address).
 */
export async function previewSubscriberIp(
  svc: ServiceContext,
  subscriber: { id: string | null; staticIpv4: string | null },
  opts: { poolId?: string } = {},
): Promise<{
  summary: string;
  address: string | null;
  poolId: string | null;
  framedPool: string | null;
  noChange: boolean;
}> {
  if (subscriber.id) {
    const held = await svc.db.ipAddress.findFirst({
      where: { subscriberId: subscriber.id, status: { in: ["ASSIGNED", "RESERVED"] } },
      orderBy: { assignedAt: "asc" },
    });
    if (held)
      return {
        summary: `Keeps ${hostOf(held.address)}, which it already holds`,
        address: hostOf(held.address),
        poolId: held.poolId,
        framedPool: null,
        noChange: true,
      };
  }
  if (subscriber.staticIpv4) {
    const ip = hostOf(subscriber.staticIpv4);
    const pools = await tenantSql(svc.db, svc.tenantId).query<{ id: string; name: string }[]>`
      SELECT id::text, name FROM "IpPool" WHERE "tenantId" = ${svc.tenantId}::uuid AND ${ip}::inet << prefix LIMIT 1`;
    return {
      summary: pools[0]
        ? `Reserve the static address ${ip} in pool ${pools[0].name}`
        : `Use the static address ${ip} (outside every pool: managed elsewhere)`,
      address: ip,
      poolId: pools[0]?.id ?? null,
      framedPool: null,
      noChange: false,
    };
  }
  const pools = opts.poolId
    ? await svc.db.ipPool.findMany({ where: { id: opts.poolId } })
    : await svc.db.ipPool.findMany({ where: { purpose: "SUBSCRIBER" }, orderBy: { name: "asc" } });
  if (!pools.length)
    throw opts.poolId
      ? notFound("IP pool")
      : invalid("There is no subscriber IP pool; create one under Network → IP pools");
  const adapter = await ipamAdapterFor(svc);
  for (const pool of pools) {
    if (pool.framedPool)
      return {
        summary: `The BNG hands out the address from its pool ${pool.framedPool} (RADIUS Framed-Pool)`,
        address: null,
        poolId: pool.id,
        framedPool: pool.framedPool,
        noChange: false,
      };
    if (adapter)
      return {
        summary: `Allocate the next free address of ${pool.prefix} in ${adapter.kind === "netbox" ? "NetBox" : "the external IPAM"} (pool ${pool.name})`,
        address: null,
        poolId: pool.id,
        framedPool: null,
        noChange: false,
      };
    const next = await svc.db.ipAddress.findFirst({
      where: { poolId: pool.id, status: "AVAILABLE" },
      orderBy: { address: "asc" },
    });
    if (next)
      return {
        summary: `Allocate ${hostOf(next.address)}, the next free address of pool ${pool.name}`,
        address: hostOf(next.address),
        poolId: pool.id,
        framedPool: null,
        noChange: false,
      };
  }
  throw conflict(
    `Every subscriber pool is full (${pools.map((p) => p.name).join(", ")}); add a pool under Network → IP pools`,
  );
}

/** Returns every address the subscriber holds to its pool. Idempotent (nothing held = no-op). */
export async function releaseSubscriberIp(svc: ServiceContext, subscriberId: string) {
  const held = await svc.db.ipAddress.findMany({ where: { subscriberId } });
  const released: string[] = [];
  for (const row of held) {
    const res = await releaseAddress(svc, row.id);
    if (res.released) released.push(hostOf(row.address));
  }
  return { released };
}

// ------------------------------------------------------------------ seeds (idempotent)
/** The VLAN with this VID, created when missing. */
export async function ensureVlan(svc: ServiceContext, raw: CreateVlanInput) {
  return (await svc.db.vlan.findFirst({ where: { vid: raw.vid } })) ?? createVlan(svc, raw);
}

/** The pool with this name, created when missing. */
export async function ensurePool(svc: ServiceContext, raw: CreatePoolInput) {
  return (await svc.db.ipPool.findFirst({ where: { name: raw.name } })) ?? createPool(svc, raw);
}
