-- CreateTable
CREATE TABLE "MonitoringSettings" (
    "tenantId" UUID NOT NULL,
    "rejectAlarmMinRejects" INTEGER NOT NULL DEFAULT 20,
    "rejectAlarmRatio" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitoringSettings_pkey" PRIMARY KEY ("tenantId")
);
