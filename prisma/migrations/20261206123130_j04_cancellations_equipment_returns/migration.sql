-- CreateEnum
CREATE TYPE "EquipmentReturnStatus" AS ENUM ('OPEN', 'RETURNED', 'CHARGED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CancellationStatus" AS ENUM ('SCHEDULED', 'STARTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "EquipmentReturn" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "workOrderId" UUID,
    "status" "EquipmentReturnStatus" NOT NULL DEFAULT 'OPEN',
    "dueOn" DATE NOT NULL,
    "noticeSentAt" TIMESTAMP(3),
    "chargedAt" TIMESTAMP(3),
    "amountMinor" INTEGER,
    "returnedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EquipmentReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EquipmentReturnPolicy" (
    "tenantId" UUID NOT NULL,
    "dueDays" INTEGER NOT NULL DEFAULT 14,
    "graceDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EquipmentReturnPolicy_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "SubscriberCancellation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "openFor" UUID,
    "effectiveOn" DATE NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "CancellationStatus" NOT NULL DEFAULT 'SCHEDULED',
    "jobId" UUID,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnBy" TEXT,

    CONSTRAINT "SubscriberCancellation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EquipmentReturn_tenantId_status_dueOn_idx" ON "EquipmentReturn"("tenantId", "status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "EquipmentReturn_tenantId_subscriberId_itemId_key" ON "EquipmentReturn"("tenantId", "subscriberId", "itemId");

-- CreateIndex
CREATE INDEX "SubscriberCancellation_tenantId_status_effectiveOn_idx" ON "SubscriberCancellation"("tenantId", "status", "effectiveOn");

-- CreateIndex
CREATE INDEX "SubscriberCancellation_tenantId_subscriberId_idx" ON "SubscriberCancellation"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "SubscriberCancellation_tenantId_openFor_key" ON "SubscriberCancellation"("tenantId", "openFor");

-- AddForeignKey
ALTER TABLE "EquipmentReturn" ADD CONSTRAINT "EquipmentReturn_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InventoryItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
