-- DropIndex
DROP INDEX "Ticket_tenantId_resolutionDueAt_idx";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "nextDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Ticket_tenantId_nextDueAt_idx" ON "Ticket"("tenantId", "nextDueAt");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_createdAt_idx" ON "Ticket"("tenantId", "createdAt" DESC);

-- The queue's sort key, kept with the clocks it is derived from (sla.ts: clocks run while
-- NEW, OPEN or PENDING_THIRD_PARTY).
CREATE FUNCTION ticket_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."nextDueAt" := CASE
    WHEN NEW."status" NOT IN ('NEW', 'OPEN', 'PENDING_THIRD_PARTY') OR NEW."mergedIntoId" IS NOT NULL THEN NULL
    WHEN NEW."firstRespondedAt" IS NULL THEN NEW."firstResponseDueAt"
    ELSE NEW."resolutionDueAt" END;
  RETURN NEW;
END $$;

CREATE TRIGGER ticket_next_due BEFORE INSERT OR UPDATE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION ticket_next_due();

-- Existing tickets: the trigger fills the column on this no-op update.
UPDATE "Ticket" SET "status" = "status";
