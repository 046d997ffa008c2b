-- CreateEnum
CREATE TYPE "MaintenanceStatus" AS ENUM ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "MaintenanceStatus" NOT NULL DEFAULT 'SCHEDULED',
    "elements" TEXT[],
    "area" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "noticeHours" INTEGER[] DEFAULT ARRAY[72, 24]::INTEGER[],
    "affectedCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceSubscriber" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "windowId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "customerName" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "business" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MaintenanceSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceNotice" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "windowId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "bulkJobId" UUID,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MaintenanceNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MaintenanceWindow_tenantId_status_startsAt_idx" ON "MaintenanceWindow"("tenantId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "MaintenanceSubscriber_tenantId_subscriberId_idx" ON "MaintenanceSubscriber"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceSubscriber_windowId_subscriberId_key" ON "MaintenanceSubscriber"("windowId", "subscriberId");

-- CreateIndex
CREATE INDEX "MaintenanceNotice_tenantId_sentAt_dueAt_idx" ON "MaintenanceNotice"("tenantId", "sentAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceNotice_windowId_kind_key" ON "MaintenanceNotice"("windowId", "kind");

-- CreateIndex
CREATE INDEX "NetworkEvent_tenantId_receivedAt_idx" ON "NetworkEvent"("tenantId", "receivedAt");

-- AddForeignKey
ALTER TABLE "MaintenanceSubscriber" ADD CONSTRAINT "MaintenanceSubscriber_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "MaintenanceWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceNotice" ADD CONSTRAINT "MaintenanceNotice_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "MaintenanceWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
