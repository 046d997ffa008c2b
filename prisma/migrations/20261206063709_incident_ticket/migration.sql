-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "ticketId" UUID;
