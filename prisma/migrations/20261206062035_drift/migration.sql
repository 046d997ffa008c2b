-- CreateEnum
CREATE TYPE "DriftScanStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "DriftFindingStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateTable
CREATE TABLE "DriftScan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "status" "DriftScanStatus" NOT NULL DEFAULT 'RUNNING',
    "subscribers" INTEGER NOT NULL DEFAULT 0,
    "findings" INTEGER NOT NULL DEFAULT 0,
    "byType" JSONB NOT NULL DEFAULT '{}',
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DriftScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftFinding" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "subscriberId" UUID,
    "username" TEXT,
    "summary" TEXT NOT NULL,
    "expected" JSONB NOT NULL,
    "actual" JSONB NOT NULL,
    "status" "DriftFindingStatus" NOT NULL DEFAULT 'OPEN',
    "firstScanId" UUID NOT NULL,
    "lastScanId" UUID NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "repairJobId" UUID,
    "repairedAt" TIMESTAMP(3),
    "repairedBy" TEXT,

    CONSTRAINT "DriftFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DriftScan_tenantId_startedAt_idx" ON "DriftScan"("tenantId", "startedAt");

-- CreateIndex
CREATE INDEX "DriftFinding_tenantId_status_type_idx" ON "DriftFinding"("tenantId", "status", "type");

-- CreateIndex
CREATE INDEX "DriftFinding_tenantId_subscriberId_idx" ON "DriftFinding"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "DriftFinding_tenantId_key_key" ON "DriftFinding"("tenantId", "key");
