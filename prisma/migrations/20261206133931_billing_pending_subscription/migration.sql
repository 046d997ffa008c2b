-- AlterEnum
ALTER TYPE "BillingSubscriptionStatus" ADD VALUE 'PENDING';
