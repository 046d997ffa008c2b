-- CreateEnum
CREATE TYPE "OrchestrationJobStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'ROLLING_BACK', 'ROLLED_BACK', 'ROLLBACK_FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "OrchestrationStepStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'UNDOING', 'UNDONE', 'UNDO_FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "ExecutorRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "OrchestrationJob" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "subscriberId" UUID,
    "status" "OrchestrationJobStatus" NOT NULL DEFAULT 'PENDING',
    "input" JSONB NOT NULL,
    "outputs" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "failedStep" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "alert" BOOLEAN NOT NULL DEFAULT false,
    "alertReason" TEXT,
    "runId" TEXT,
    "createdBy" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrchestrationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrchestrationJobStep" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" "OrchestrationStepStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "output" JSONB,
    "error" TEXT,
    "undoError" TEXT,
    "durationMs" INTEGER,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "OrchestrationJobStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutorEvent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutorEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutorRun" (
    "id" UUID NOT NULL,
    "functionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "status" "ExecutorRunStatus" NOT NULL DEFAULT 'QUEUED',
    "concurrencyKey" TEXT,
    "concurrencyLimit" INTEGER,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockToken" UUID,
    "lockedUntil" TIMESTAMP(3),
    "output" JSONB,
    "error" JSONB,
    "lastError" JSONB,
    "passes" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExecutorRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutorStep" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "hashedId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "data" JSONB,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutorStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutorSchedule" (
    "functionId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExecutorSchedule_pkey" PRIMARY KEY ("functionId")
);

-- CreateIndex
CREATE INDEX "OrchestrationJob_tenantId_status_idx" ON "OrchestrationJob"("tenantId", "status");

-- CreateIndex
CREATE INDEX "OrchestrationJob_tenantId_type_idx" ON "OrchestrationJob"("tenantId", "type");

-- CreateIndex
CREATE INDEX "OrchestrationJob_tenantId_subscriberId_idx" ON "OrchestrationJob"("tenantId", "subscriberId");

-- CreateIndex
CREATE INDEX "OrchestrationJob_tenantId_createdAt_idx" ON "OrchestrationJob"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "OrchestrationJobStep_tenantId_idx" ON "OrchestrationJobStep"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "OrchestrationJobStep_jobId_name_key" ON "OrchestrationJobStep"("jobId", "name");

-- CreateIndex
CREATE INDEX "ExecutorEvent_name_createdAt_idx" ON "ExecutorEvent"("name", "createdAt");

-- CreateIndex
CREATE INDEX "ExecutorRun_status_runAt_idx" ON "ExecutorRun"("status", "runAt");

-- CreateIndex
CREATE INDEX "ExecutorRun_concurrencyKey_status_idx" ON "ExecutorRun"("concurrencyKey", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ExecutorRun_functionId_eventId_key" ON "ExecutorRun"("functionId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ExecutorStep_runId_hashedId_key" ON "ExecutorStep"("runId", "hashedId");

-- AddForeignKey
ALTER TABLE "OrchestrationJobStep" ADD CONSTRAINT "OrchestrationJobStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OrchestrationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutorStep" ADD CONSTRAINT "ExecutorStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ExecutorRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
