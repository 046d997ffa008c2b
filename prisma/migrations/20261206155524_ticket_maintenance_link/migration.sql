-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "maintenanceId" UUID;

-- CreateIndex
CREATE INDEX "Ticket_tenantId_maintenanceId_idx" ON "Ticket"("tenantId", "maintenanceId");
