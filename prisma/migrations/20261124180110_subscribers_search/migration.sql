-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ServiceAddress" ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "nasId" INTEGER,
ADD COLUMN     "password" TEXT NOT NULL,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Customer_tenantId_createdAt_idx" ON "Customer"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Customer_searchText_idx" ON "Customer" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ServiceAddress_customerId_idx" ON "ServiceAddress"("customerId");

-- CreateIndex
CREATE INDEX "Subscriber_searchText_idx" ON "Subscriber" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Subscriber_tenantId_createdAt_idx" ON "Subscriber"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Subscriber_tenantId_planId_idx" ON "Subscriber"("tenantId", "planId");

-- CreateIndex
CREATE INDEX "Subscriber_ipv4Address_idx" ON "Subscriber"("ipv4Address");
