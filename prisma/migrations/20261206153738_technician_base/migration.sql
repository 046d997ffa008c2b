-- AlterTable
ALTER TABLE "TechnicianProfile" ADD COLUMN     "baseLabel" TEXT,
ADD COLUMN     "baseLatitude" DOUBLE PRECISION,
ADD COLUMN     "baseLongitude" DOUBLE PRECISION;
