-- CreateEnum
CREATE TYPE "AlarmState" AS ENUM ('RAISED', 'CLEARED');

-- CreateEnum
CREATE TYPE "AlarmSeverity" AS ENUM ('CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INDETERMINATE');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateTable
CREATE TABLE "Alarm" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "alarmType" TEXT NOT NULL,
    "probableCause" TEXT NOT NULL,
    "specificProblem" TEXT NOT NULL,
    "perceivedSeverity" "AlarmSeverity" NOT NULL,
    "state" "AlarmState" NOT NULL DEFAULT 'RAISED',
    "alarmedObjectType" TEXT NOT NULL,
    "alarmedObjectId" TEXT NOT NULL,
    "alarmedObjectName" TEXT NOT NULL,
    "sourceSystemId" TEXT NOT NULL,
    "upstream" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subscriberId" UUID,
    "activeKey" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),
    "raiseEventId" TEXT,
    "clearEventId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "flapping" BOOLEAN NOT NULL DEFAULT false,
    "maintenanceId" UUID,
    "incidentId" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlarmFeedCursor" (
    "tenantId" UUID NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlarmFeedCursor_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "severity" TEXT NOT NULL DEFAULT 'MAJOR',
    "rootKey" TEXT NOT NULL,
    "rootType" TEXT NOT NULL,
    "rootName" TEXT NOT NULL,
    "alarmCount" INTEGER NOT NULL DEFAULT 0,
    "affectedCount" INTEGER NOT NULL DEFAULT 0,
    "businessCount" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "mergedIntoId" UUID,
    "outageNoticeJobId" UUID,
    "restorationNoticeJobId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentImpact" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "customerName" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "business" BOOLEAN NOT NULL DEFAULT false,
    "planName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentImpact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentCounter" (
    "tenantId" UUID NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IncidentCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Alarm_tenantId_state_raisedAt_idx" ON "Alarm"("tenantId", "state", "raisedAt");

-- CreateIndex
CREATE INDEX "Alarm_tenantId_incidentId_idx" ON "Alarm"("tenantId", "incidentId");

-- CreateIndex
CREATE INDEX "Alarm_tenantId_alarmedObjectType_alarmedObjectId_clearedAt_idx" ON "Alarm"("tenantId", "alarmedObjectType", "alarmedObjectId", "clearedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alarm_tenantId_activeKey_key" ON "Alarm"("tenantId", "activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Alarm_tenantId_raiseEventId_key" ON "Alarm"("tenantId", "raiseEventId");

-- CreateIndex
CREATE INDEX "Incident_tenantId_status_openedAt_idx" ON "Incident"("tenantId", "status", "openedAt");

-- CreateIndex
CREATE INDEX "Incident_tenantId_rootKey_status_idx" ON "Incident"("tenantId", "rootKey", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_tenantId_number_key" ON "Incident"("tenantId", "number");

-- CreateIndex
CREATE INDEX "IncidentImpact_tenantId_subscriberId_idx" ON "IncidentImpact"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentImpact_incidentId_subscriberId_key" ON "IncidentImpact"("incidentId", "subscriberId");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- AddForeignKey
ALTER TABLE "IncidentImpact" ADD CONSTRAINT "IncidentImpact_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
