-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "portalSwitchable" BOOLEAN NOT NULL DEFAULT false;
