-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "repairWorkOrderId" UUID;
