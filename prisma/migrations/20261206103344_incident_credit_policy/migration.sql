-- CreateTable
CREATE TABLE "IncidentCreditPolicy" (
    "tenantId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "minOutageMinutes" INTEGER NOT NULL DEFAULT 240,
    "percentOfMonthly" INTEGER NOT NULL DEFAULT 10,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentCreditPolicy_pkey" PRIMARY KEY ("tenantId")
);
