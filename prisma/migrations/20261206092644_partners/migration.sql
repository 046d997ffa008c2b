-- CreateEnum
CREATE TYPE "PartnerType" AS ENUM ('RESELLER', 'AGENT', 'REFERRAL');

-- CreateEnum
CREATE TYPE "PartnerStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "CommissionKind" AS ENUM ('PERCENT_RECURRING', 'FLAT_ACTIVATION', 'TIERED');

-- CreateEnum
CREATE TYPE "CommissionSource" AS ENUM ('INVOICE', 'ACTIVATION');

-- CreateTable
CREATE TABLE "Partner" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "parentId" UUID,
    "type" "PartnerType" NOT NULL,
    "name" TEXT NOT NULL,
    "status" "PartnerStatus" NOT NULL DEFAULT 'ACTIVE',
    "commissionPlanId" UUID,
    "brandName" TEXT,
    "logoUrl" TEXT,
    "primaryColor" TEXT,
    "accentColor" TEXT,
    "supportEmail" TEXT,
    "supportPhone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerDomain" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "checkedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionPlan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CommissionKind" NOT NULL,
    "basisPoints" INTEGER NOT NULL DEFAULT 0,
    "flatMinor" INTEGER NOT NULL DEFAULT 0,
    "tiers" JSONB NOT NULL DEFAULT '[]',
    "maxMonths" INTEGER,
    "clawbackDays" INTEGER NOT NULL DEFAULT 90,
    "currency" CHAR(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommissionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionEntry" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "subscriberId" UUID,
    "source" "CommissionSource" NOT NULL,
    "sourceId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "description" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionPayout" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reference" TEXT,
    "paidById" UUID,
    "paidAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionPayout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Partner_tenantId_parentId_idx" ON "Partner"("tenantId", "parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_tenantId_name_key" ON "Partner"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerDomain_host_key" ON "PartnerDomain"("host");

-- CreateIndex
CREATE INDEX "PartnerDomain_tenantId_partnerId_idx" ON "PartnerDomain"("tenantId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionPlan_tenantId_name_key" ON "CommissionPlan"("tenantId", "name");

-- CreateIndex
CREATE INDEX "CommissionEntry_tenantId_partnerId_month_idx" ON "CommissionEntry"("tenantId", "partnerId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionEntry_tenantId_partnerId_source_sourceId_revision_key" ON "CommissionEntry"("tenantId", "partnerId", "source", "sourceId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionPayout_tenantId_partnerId_month_key" ON "CommissionPayout"("tenantId", "partnerId", "month");

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_commissionPlanId_fkey" FOREIGN KEY ("commissionPlanId") REFERENCES "CommissionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerDomain" ADD CONSTRAINT "PartnerDomain_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionEntry" ADD CONSTRAINT "CommissionEntry_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionPayout" ADD CONSTRAINT "CommissionPayout_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
