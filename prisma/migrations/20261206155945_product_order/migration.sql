-- CreateTable
CREATE TABLE "ProductOrder" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "externalId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "quoteId" UUID,
    "customerId" UUID,
    "partnerId" UUID,
    "planId" UUID NOT NULL,
    "serviceAddressId" UUID,
    "subscriberId" UUID,
    "workOrderId" UUID,
    "requestedCompletionDate" TIMESTAMP(3),
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProductOrder_tenantId_customerId_idx" ON "ProductOrder"("tenantId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductOrder_tenantId_quoteId_key" ON "ProductOrder"("tenantId", "quoteId");
