-- DropIndex
DROP INDEX "PushSubscription_tenantId_subscriberId_idx";

-- AlterTable
ALTER TABLE "PushSubscription" DROP COLUMN "subscriberId",
ADD COLUMN     "customerId" UUID;

-- CreateIndex
CREATE INDEX "PushSubscription_tenantId_customerId_idx" ON "PushSubscription"("tenantId", "customerId");
