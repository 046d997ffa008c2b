-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'SMS', 'PUSH', 'INBOX');

-- CreateEnum
CREATE TYPE "NotificationCategory" AS ENUM ('TRANSACTIONAL', 'BILLING', 'OUTAGES', 'MAINTENANCE', 'SUPPORT', 'MARKETING');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'BOUNCED', 'FAILED', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "BulkJobStatus" AS ENUM ('SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "BulkRecipientStatus" AS ENUM ('PENDING', 'CLAIMED', 'SENT', 'FAILED', 'SUPPRESSED');

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID,
    "userId" UUID,
    "template" TEXT NOT NULL,
    "category" "NotificationCategory" NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "bulkJobId" UUID,
    "dedupeKey" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "subscriberId" UUID,
    "channel" "NotificationChannel" NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "notBefore" TIMESTAMP(3),
    "provider" TEXT,
    "providerId" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "bulkRecipientId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "category" "NotificationCategory" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "quietHoursStart" INTEGER,
    "quietHoursEnd" INTEGER,
    "timezone" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationTemplateOverride" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "subject" TEXT,
    "text" TEXT,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationTemplateOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkNotificationJob" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "channels" "NotificationChannel"[],
    "subscriberIds" UUID[],
    "filter" JSONB,
    "scheduleAt" TIMESTAMP(3) NOT NULL,
    "status" "BulkJobStatus" NOT NULL DEFAULT 'SCHEDULED',
    "materializedAt" TIMESTAMP(3),
    "total" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "suppressed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkNotificationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkNotificationRecipient" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "subscriberId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "status" "BulkRecipientStatus" NOT NULL DEFAULT 'PENDING',
    "claimedAt" TIMESTAMP(3),
    "error" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "BulkNotificationRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationRateBucket" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationRateBucket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID,
    "userId" UUID,
    "notificationId" UUID,
    "category" "NotificationCategory" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "readAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushSubscription" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriberId" UUID,
    "userId" UUID,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "userAgent" TEXT,
    "expiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_tenantId_subscriberId_createdAt_idx" ON "Notification"("tenantId", "subscriberId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_tenantId_createdAt_idx" ON "Notification"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_bulkJobId_idx" ON "Notification"("bulkJobId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_tenantId_dedupeKey_key" ON "Notification"("tenantId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_bulkRecipientId_key" ON "NotificationDelivery"("bulkRecipientId");

-- CreateIndex
CREATE INDEX "NotificationDelivery_tenantId_subscriberId_createdAt_idx" ON "NotificationDelivery"("tenantId", "subscriberId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "NotificationDelivery_tenantId_status_notBefore_idx" ON "NotificationDelivery"("tenantId", "status", "notBefore");

-- CreateIndex
CREATE INDEX "NotificationDelivery_provider_providerId_idx" ON "NotificationDelivery"("provider", "providerId");

-- CreateIndex
CREATE INDEX "NotificationDelivery_notificationId_idx" ON "NotificationDelivery"("notificationId");

-- CreateIndex
CREATE INDEX "NotificationPreference_tenantId_category_channel_enabled_idx" ON "NotificationPreference"("tenantId", "category", "channel", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationPreference_tenantId_subscriberId_channel_catego_key" ON "NotificationPreference"("tenantId", "subscriberId", "channel", "category");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationSettings_tenantId_subscriberId_key" ON "NotificationSettings"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationTemplateOverride_tenantId_template_key" ON "NotificationTemplateOverride"("tenantId", "template");

-- CreateIndex
CREATE INDEX "BulkNotificationJob_tenantId_createdAt_idx" ON "BulkNotificationJob"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkNotificationJob_status_scheduleAt_idx" ON "BulkNotificationJob"("status", "scheduleAt");

-- CreateIndex
CREATE INDEX "BulkNotificationRecipient_jobId_channel_status_idx" ON "BulkNotificationRecipient"("jobId", "channel", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BulkNotificationRecipient_jobId_subscriberId_channel_key" ON "BulkNotificationRecipient"("jobId", "subscriberId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRateBucket_tenantId_channel_key" ON "NotificationRateBucket"("tenantId", "channel");

-- CreateIndex
CREATE INDEX "InboxItem_tenantId_subscriberId_createdAt_idx" ON "InboxItem"("tenantId", "subscriberId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "InboxItem_tenantId_userId_createdAt_idx" ON "InboxItem"("tenantId", "userId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_tenantId_subscriberId_idx" ON "PushSubscription"("tenantId", "subscriberId");

-- CreateIndex
CREATE INDEX "PushSubscription_tenantId_userId_idx" ON "PushSubscription"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkNotificationRecipient" ADD CONSTRAINT "BulkNotificationRecipient_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BulkNotificationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
