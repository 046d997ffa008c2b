-- CreateEnum
CREATE TYPE "DiagnosticKind" AS ENUM ('CHECK', 'SPEED_TEST', 'PING');

-- CreateEnum
CREATE TYPE "DiagnosticStatus" AS ENUM ('RUNNING', 'COMPLETE', 'FAILED');

-- CreateTable
CREATE TABLE "DiagnosticRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "ticketId" UUID,
    "kind" "DiagnosticKind" NOT NULL,
    "status" "DiagnosticStatus" NOT NULL DEFAULT 'RUNNING',
    "results" JSONB NOT NULL DEFAULT '{}',
    "findings" JSONB NOT NULL DEFAULT '[]',
    "host" TEXT,
    "requestedById" UUID,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "DiagnosticRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DiagnosticRun_tenantId_subscriberId_createdAt_idx" ON "DiagnosticRun"("tenantId", "subscriberId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DiagnosticRun_tenantId_ticketId_idx" ON "DiagnosticRun"("tenantId", "ticketId");
