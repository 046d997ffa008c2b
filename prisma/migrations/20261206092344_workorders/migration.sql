-- CreateEnum
CREATE TYPE "WorkOrderType" AS ENUM ('INSTALL', 'REPAIR', 'SURVEY', 'REMOVAL', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "WorkOrderStatus" AS ENUM ('NEW', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WorkOrderPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "type" "WorkOrderType" NOT NULL,
    "status" "WorkOrderStatus" NOT NULL DEFAULT 'NEW',
    "priority" "WorkOrderPriority" NOT NULL DEFAULT 'NORMAL',
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "customerId" UUID,
    "subscriberId" UUID,
    "serviceAddressId" UUID,
    "ticketId" UUID,
    "incidentId" UUID,
    "leadId" UUID,
    "addressText" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "assigneeId" UUID,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "checklist" JSONB NOT NULL,
    "opticalPowerDbm" DOUBLE PRECISION,
    "onuSerial" TEXT,
    "cpeSerial" TEXT,
    "signatureKey" TEXT,
    "signedBy" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "failureReason" TEXT,
    "provisioningJobId" UUID,
    "arrivedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrderCounter" (
    "tenantId" UUID NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WorkOrderCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "WorkOrderEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "workOrderId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkOrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrderPhoto" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "workOrderId" UUID NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkOrderPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_status_windowStart_idx" ON "WorkOrder"("tenantId", "status", "windowStart");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_assigneeId_windowStart_idx" ON "WorkOrder"("tenantId", "assigneeId", "windowStart");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_subscriberId_idx" ON "WorkOrder"("tenantId", "subscriberId");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_leadId_idx" ON "WorkOrder"("tenantId", "leadId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_tenantId_number_key" ON "WorkOrder"("tenantId", "number");

-- CreateIndex
CREATE INDEX "WorkOrderEvent_workOrderId_createdAt_idx" ON "WorkOrderEvent"("workOrderId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkOrderPhoto_workOrderId_idx" ON "WorkOrderPhoto"("workOrderId");

-- AddForeignKey
ALTER TABLE "WorkOrderEvent" ADD CONSTRAINT "WorkOrderEvent_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderPhoto" ADD CONSTRAINT "WorkOrderPhoto_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
