-- AlterTable
ALTER TABLE "ExecutorEvent" ADD COLUMN     "dispatchedAt" TIMESTAMP(3);

-- Events written before the outbox already started their runs.
UPDATE "ExecutorEvent" SET "dispatchedAt" = "createdAt";

-- CreateIndex
CREATE INDEX "ExecutorEvent_dispatchedAt_idx" ON "ExecutorEvent"("dispatchedAt");
