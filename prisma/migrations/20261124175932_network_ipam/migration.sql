-- CreateEnum
CREATE TYPE "IpAddressStatus" AS ENUM ('AVAILABLE', 'ASSIGNED', 'RESERVED');

-- CreateEnum
CREATE TYPE "PonTechnology" AS ENUM ('GPON', 'XGS_PON');

-- CreateEnum
CREATE TYPE "OnuState" AS ENUM ('DISCOVERED', 'PREPROVISIONED', 'ACTIVATING', 'ACTIVE', 'DISABLED', 'LOS', 'FAILED');

-- CreateTable
CREATE TABLE "IpPool" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" INET NOT NULL,
    "gateway" INET,
    "purpose" TEXT NOT NULL DEFAULT 'SUBSCRIBER',
    "vlanId" UUID,
    "dnsServers" TEXT[],
    "externalId" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IpPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAddress" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "poolId" UUID NOT NULL,
    "address" INET NOT NULL,
    "status" "IpAddressStatus" NOT NULL DEFAULT 'AVAILABLE',
    "subscriberId" UUID,
    "description" TEXT,
    "assignedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IpAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vlan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "vid" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'SUBSCRIBER',
    "oltId" UUID,
    "externalId" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkSite" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'CENTRAL_OFFICE',
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NetworkSite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Olt" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "siteId" UUID,
    "name" TEXT NOT NULL,
    "vendor" TEXT,
    "model" TEXT,
    "serialNumber" TEXT,
    "firmwareVersion" TEXT,
    "managementAddress" TEXT,
    "externalId" TEXT,
    "adminState" TEXT NOT NULL DEFAULT 'PREPROVISIONED',
    "operStatus" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "connectStatus" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Olt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PonPort" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "oltId" UUID NOT NULL,
    "portNo" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "technology" "PonTechnology" NOT NULL DEFAULT 'GPON',
    "splitRatio" INTEGER NOT NULL DEFAULT 64,
    "capacityDownMbps" INTEGER NOT NULL DEFAULT 2488,
    "capacityUpMbps" INTEGER NOT NULL DEFAULT 1244,
    "adminState" TEXT NOT NULL DEFAULT 'ENABLED',
    "operStatus" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PonPort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Onu" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "oltId" UUID NOT NULL,
    "ponPortId" UUID,
    "serialNumber" TEXT NOT NULL,
    "externalId" TEXT,
    "onuId" INTEGER,
    "vendor" TEXT,
    "model" TEXT,
    "firmwareVersion" TEXT,
    "state" "OnuState" NOT NULL DEFAULT 'DISCOVERED',
    "adminState" TEXT NOT NULL DEFAULT 'PREPROVISIONED',
    "operStatus" TEXT NOT NULL DEFAULT 'DISCOVERED',
    "connectStatus" TEXT NOT NULL DEFAULT 'REACHABLE',
    "subscriberId" UUID,
    "bandwidthProfile" JSONB,
    "downstreamKbps" INTEGER,
    "upstreamKbps" INTEGER,
    "rxPowerDbm" DOUBLE PRECISION,
    "txPowerDbm" DOUBLE PRECISION,
    "temperatureC" DOUBLE PRECISION,
    "opticsAt" TIMESTAMP(3),
    "discoveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Onu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cpe" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "onuId" UUID,
    "subscriberId" UUID,
    "acsDeviceId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "oui" TEXT,
    "productClass" TEXT,
    "manufacturer" TEXT,
    "macAddress" TEXT,
    "firmwareVersion" TEXT,
    "wifiSsid" TEXT,
    "lastInformAt" TIMESTAMP(3),
    "configuredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cpe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Splitter" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ponPortId" UUID,
    "parentId" UUID,
    "name" TEXT NOT NULL,
    "ratio" INTEGER NOT NULL DEFAULT 8,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Splitter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FiberRoute" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "path" JSONB NOT NULL,
    "lengthM" INTEGER,
    "fibreCount" INTEGER NOT NULL DEFAULT 12,
    "ponPortId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FiberRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'RAISE',
    "serialNumber" TEXT,
    "oltExternalId" TEXT,
    "ponPortNo" INTEGER,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NetworkEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationConfig" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "system" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'SIMULATOR',
    "url" TEXT,
    "credentialsEncrypted" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "lastTestAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "lastTestMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationConfig_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IpPool_tenantId_name_key" ON "IpPool"("tenantId", "name");

-- CreateIndex
CREATE INDEX "IpAddress_poolId_status_address_idx" ON "IpAddress"("poolId", "status", "address");

-- CreateIndex
CREATE INDEX "IpAddress_tenantId_subscriberId_idx" ON "IpAddress"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "IpAddress_poolId_address_key" ON "IpAddress"("poolId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "Vlan_tenantId_vid_key" ON "Vlan"("tenantId", "vid");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkSite_tenantId_name_key" ON "NetworkSite"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Olt_tenantId_name_key" ON "Olt"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Olt_tenantId_externalId_key" ON "Olt"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "PonPort_tenantId_idx" ON "PonPort"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "PonPort_oltId_portNo_key" ON "PonPort"("oltId", "portNo");

-- CreateIndex
CREATE INDEX "Onu_tenantId_subscriberId_idx" ON "Onu"("tenantId", "subscriberId");

-- CreateIndex
CREATE INDEX "Onu_ponPortId_idx" ON "Onu"("ponPortId");

-- CreateIndex
CREATE UNIQUE INDEX "Onu_tenantId_serialNumber_key" ON "Onu"("tenantId", "serialNumber");

-- CreateIndex
CREATE INDEX "Cpe_tenantId_serialNumber_idx" ON "Cpe"("tenantId", "serialNumber");

-- CreateIndex
CREATE INDEX "Cpe_tenantId_subscriberId_idx" ON "Cpe"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "Cpe_tenantId_acsDeviceId_key" ON "Cpe"("tenantId", "acsDeviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Splitter_tenantId_name_key" ON "Splitter"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "FiberRoute_tenantId_name_key" ON "FiberRoute"("tenantId", "name");

-- CreateIndex
CREATE INDEX "NetworkEvent_tenantId_kind_raisedAt_idx" ON "NetworkEvent"("tenantId", "kind", "raisedAt");

-- CreateIndex
CREATE INDEX "NetworkEvent_tenantId_serialNumber_idx" ON "NetworkEvent"("tenantId", "serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkEvent_tenantId_eventId_key" ON "NetworkEvent"("tenantId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationConfig_tenantId_system_key" ON "IntegrationConfig"("tenantId", "system");

-- AddForeignKey
ALTER TABLE "IpPool" ADD CONSTRAINT "IpPool_vlanId_fkey" FOREIGN KEY ("vlanId") REFERENCES "Vlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "IpPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Olt" ADD CONSTRAINT "Olt_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "NetworkSite"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PonPort" ADD CONSTRAINT "PonPort_oltId_fkey" FOREIGN KEY ("oltId") REFERENCES "Olt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Onu" ADD CONSTRAINT "Onu_oltId_fkey" FOREIGN KEY ("oltId") REFERENCES "Olt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Onu" ADD CONSTRAINT "Onu_ponPortId_fkey" FOREIGN KEY ("ponPortId") REFERENCES "PonPort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cpe" ADD CONSTRAINT "Cpe_onuId_fkey" FOREIGN KEY ("onuId") REFERENCES "Onu"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Splitter" ADD CONSTRAINT "Splitter_ponPortId_fkey" FOREIGN KEY ("ponPortId") REFERENCES "PonPort"("id") ON DELETE SET NULL ON UPDATE CASCADE;
