-- CreateEnum
CREATE TYPE "LeadStage" AS ENUM ('NEW', 'CONTACTED', 'QUALIFIED', 'SURVEYED', 'QUOTED', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "LeadSource" AS ENUM ('WEB_FORM', 'PARTNER', 'PHONE', 'CSV_IMPORT');

-- CreateEnum
CREATE TYPE "LeadActivityKind" AS ENUM ('CALL', 'EMAIL', 'NOTE', 'STAGE');

-- CreateEnum
CREATE TYPE "QuoteStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'SENT', 'ACCEPTED', 'SUPERSEDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "QuoteLineKind" AS ENUM ('PLAN', 'INSTALLATION', 'EQUIPMENT', 'ADDON', 'BUILD', 'DISCOUNT');

-- CreateEnum
CREATE TYPE "CoverageStatus" AS ENUM ('LIVE', 'PLANNED');

-- CreateTable
CREATE TABLE "Address" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "streetName" TEXT NOT NULL,
    "streetNr" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "postcode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "geocodedBy" TEXT,
    "matchKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Address_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "phoneDigits" TEXT,
    "emailLower" TEXT,
    "addressId" UUID,
    "addressLabel" TEXT NOT NULL DEFAULT '',
    "stage" "LeadStage" NOT NULL DEFAULT 'NEW',
    "source" "LeadSource" NOT NULL,
    "ownerId" UUID,
    "partnerId" UUID,
    "planId" UUID,
    "serviceability" TEXT,
    "lostReason" TEXT,
    "duplicateOfId" UUID,
    "notes" TEXT,
    "customerId" UUID,
    "subscriberId" UUID,
    "surveyedAt" TIMESTAMP(3),
    "quotedAt" TIMESTAMP(3),
    "wonAt" TIMESTAMP(3),
    "lostAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadActivity" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "kind" "LeadActivityKind" NOT NULL,
    "body" TEXT NOT NULL,
    "authorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadTask" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "ownerId" UUID,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadCounter" (
    "tenantId" UUID NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LeadCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "leadId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "QuoteStatus" NOT NULL DEFAULT 'DRAFT',
    "planId" UUID NOT NULL,
    "addressId" UUID,
    "currency" CHAR(3) NOT NULL,
    "pricesIncludeTax" BOOLEAN NOT NULL,
    "taxBasisPoints" INTEGER NOT NULL,
    "monthlyNetMinor" INTEGER NOT NULL,
    "monthlyTaxMinor" INTEGER NOT NULL,
    "monthlyGrossMinor" INTEGER NOT NULL,
    "oneOffNetMinor" INTEGER NOT NULL,
    "oneOffTaxMinor" INTEGER NOT NULL,
    "oneOffGrossMinor" INTEGER NOT NULL,
    "discountBasisPoints" INTEGER NOT NULL DEFAULT 0,
    "approvedById" UUID,
    "validDays" INTEGER NOT NULL DEFAULT 14,
    "sentAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "pdf" BYTEA,
    "pdfSha256" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptance" JSONB,
    "customerId" UUID,
    "subscriberId" UUID,
    "workOrderId" UUID,
    "conversionError" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "quoteId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "QuoteLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "recurring" BOOLEAN NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "unitMinor" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,

    CONSTRAINT "QuoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoverageArea" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CoverageStatus" NOT NULL DEFAULT 'LIVE',
    "polygon" JSONB NOT NULL,
    "homesPassed" INTEGER NOT NULL DEFAULT 0,
    "maxDropM" INTEGER NOT NULL DEFAULT 250,
    "buildCostMinor" INTEGER,
    "planIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoverageArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceDrop" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "splitterId" UUID NOT NULL,
    "addressId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "subscriberId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceDrop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Address_tenantId_postcode_idx" ON "Address"("tenantId", "postcode");

-- CreateIndex
CREATE UNIQUE INDEX "Address_tenantId_matchKey_key" ON "Address"("tenantId", "matchKey");

-- CreateIndex
CREATE INDEX "Lead_tenantId_stage_idx" ON "Lead"("tenantId", "stage");

-- CreateIndex
CREATE INDEX "Lead_tenantId_emailLower_idx" ON "Lead"("tenantId", "emailLower");

-- CreateIndex
CREATE INDEX "Lead_tenantId_phoneDigits_idx" ON "Lead"("tenantId", "phoneDigits");

-- CreateIndex
CREATE INDEX "Lead_tenantId_addressId_idx" ON "Lead"("tenantId", "addressId");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_tenantId_number_key" ON "Lead"("tenantId", "number");

-- CreateIndex
CREATE INDEX "LeadActivity_leadId_createdAt_idx" ON "LeadActivity"("leadId", "createdAt");

-- CreateIndex
CREATE INDEX "LeadTask_tenantId_doneAt_dueAt_idx" ON "LeadTask"("tenantId", "doneAt", "dueAt");

-- CreateIndex
CREATE INDEX "LeadTask_leadId_idx" ON "LeadTask"("leadId");

-- CreateIndex
CREATE INDEX "Quote_tenantId_leadId_idx" ON "Quote"("tenantId", "leadId");

-- CreateIndex
CREATE INDEX "Quote_tenantId_status_idx" ON "Quote"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_tenantId_number_key" ON "Quote"("tenantId", "number");

-- CreateIndex
CREATE INDEX "QuoteLine_quoteId_idx" ON "QuoteLine"("quoteId");

-- CreateIndex
CREATE UNIQUE INDEX "CoverageArea_tenantId_name_key" ON "CoverageArea"("tenantId", "name");

-- CreateIndex
CREATE INDEX "ServiceDrop_tenantId_splitterId_idx" ON "ServiceDrop"("tenantId", "splitterId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceDrop_tenantId_addressId_key" ON "ServiceDrop"("tenantId", "addressId");

-- AddForeignKey
ALTER TABLE "LeadActivity" ADD CONSTRAINT "LeadActivity_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadTask" ADD CONSTRAINT "LeadTask_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuoteLine" ADD CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;
