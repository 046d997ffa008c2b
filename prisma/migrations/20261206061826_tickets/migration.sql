-- CreateEnum
CREATE TYPE "TicketType" AS ENUM ('FAULT', 'BILLING', 'INSTALLATION', 'OUTAGE_REPORT', 'GENERAL');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "TicketSeverity" AS ENUM ('MINOR', 'MAJOR', 'CRITICAL');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'PENDING_THIRD_PARTY', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('PORTAL', 'EMAIL', 'PHONE', 'PARTNER', 'SYSTEM');

-- CreateEnum
CREATE TYPE "TicketAuthor" AS ENUM ('STAFF', 'CUSTOMER', 'SYSTEM');

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" "TicketType" NOT NULL DEFAULT 'GENERAL',
    "priority" "TicketPriority" NOT NULL DEFAULT 'NORMAL',
    "severity" "TicketSeverity" NOT NULL DEFAULT 'MINOR',
    "status" "TicketStatus" NOT NULL DEFAULT 'NEW',
    "channel" "TicketChannel" NOT NULL,
    "customerId" UUID,
    "subscriberId" UUID,
    "invoiceId" UUID,
    "workOrderId" UUID,
    "incidentId" UUID,
    "partnerId" UUID,
    "team" TEXT NOT NULL DEFAULT 'Support',
    "assigneeId" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requesterName" TEXT,
    "requesterEmail" TEXT,
    "replyToken" TEXT NOT NULL,
    "mergedIntoId" UUID,
    "firstResponseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "slaPausedAt" TIMESTAMP(3),
    "responseLeftMin" INTEGER,
    "resolutionLeftMin" INTEGER,
    "firstRespondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "responseWarnedAt" TIMESTAMP(3),
    "resolutionWarnedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "responseBreached" BOOLEAN NOT NULL DEFAULT false,
    "resolutionBreached" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "searchVector" tsvector,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketCounter" (
    "tenantId" UUID NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TicketCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "TicketEntry" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "author" "TicketAuthor" NOT NULL,
    "authorUserId" UUID,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT,
    "channel" "TicketChannel",
    "body" TEXT NOT NULL,
    "emailMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "entryId" UUID,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketWatcher" (
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "TicketWatcher_pkey" PRIMARY KEY ("ticketId","userId")
);

-- CreateTable
CREATE TABLE "TicketSlaPolicy" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "targets" JSONB NOT NULL,
    "timeZone" TEXT NOT NULL,
    "businessHours" JSONB NOT NULL,
    "holidays" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "warnBeforeMin" INTEGER NOT NULL DEFAULT 60,
    "reopenDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketSlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketCannedReply" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketCannedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_replyToken_key" ON "Ticket"("replyToken");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_status_createdAt_idx" ON "Ticket"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_assigneeId_status_idx" ON "Ticket"("tenantId", "assigneeId", "status");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_team_status_idx" ON "Ticket"("tenantId", "team", "status");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_resolutionDueAt_idx" ON "Ticket"("tenantId", "resolutionDueAt");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_customerId_idx" ON "Ticket"("tenantId", "customerId");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_subscriberId_idx" ON "Ticket"("tenantId", "subscriberId");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_partnerId_idx" ON "Ticket"("tenantId", "partnerId");

-- CreateIndex
CREATE INDEX "Ticket_searchVector_idx" ON "Ticket" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_tenantId_number_key" ON "Ticket"("tenantId", "number");

-- CreateIndex
CREATE INDEX "TicketEntry_ticketId_createdAt_idx" ON "TicketEntry"("ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketEntry_tenantId_emailMessageId_key" ON "TicketEntry"("tenantId", "emailMessageId");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_idx" ON "TicketEvent"("ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketAttachment_accessToken_key" ON "TicketAttachment"("accessToken");

-- CreateIndex
CREATE INDEX "TicketAttachment_ticketId_idx" ON "TicketAttachment"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketSlaPolicy_tenantId_key" ON "TicketSlaPolicy"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketCannedReply_tenantId_title_key" ON "TicketCannedReply"("tenantId", "title");

-- AddForeignKey
ALTER TABLE "TicketEntry" ADD CONSTRAINT "TicketEntry_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "TicketEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketWatcher" ADD CONSTRAINT "TicketWatcher_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over subject, description and every message of the thread (public and
-- internal: only staff search). A ticket's vector is set when it is written and extended
-- when a message is added, so search is one GIN index scan.
CREATE FUNCTION ticket_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW."subject" IS DISTINCT FROM OLD."subject" OR NEW."description" IS DISTINCT FROM OLD."description" THEN
    NEW."searchVector" :=
      setweight(to_tsvector('simple', coalesce(NEW."subject", '')), 'A') ||
      setweight(to_tsvector('simple', coalesce(NEW."description", '')), 'B') ||
      coalesce((SELECT tsvector_agg FROM (
        SELECT string_agg(e."body", ' ') AS body FROM "TicketEntry" e WHERE e."ticketId" = NEW."id"
      ) b, LATERAL to_tsvector('simple', coalesce(b.body, '')) AS tsvector_agg), ''::tsvector);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER ticket_search_vector BEFORE INSERT OR UPDATE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION ticket_search_vector();

CREATE FUNCTION ticket_entry_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Ticket" SET "searchVector" = coalesce("searchVector", ''::tsvector) || to_tsvector('simple', NEW."body")
   WHERE "id" = NEW."ticketId";
  RETURN NEW;
END $$;

CREATE TRIGGER ticket_entry_search_vector AFTER INSERT ON "TicketEntry"
  FOR EACH ROW EXECUTE FUNCTION ticket_entry_search_vector();
