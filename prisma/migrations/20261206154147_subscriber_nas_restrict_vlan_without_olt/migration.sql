-- AlterTable: nothing set or read the VLAN's OLT.
ALTER TABLE "Vlan" DROP COLUMN "oltId";

-- A binding to a NAS that no longer exists binds to nothing (it refused every authentication).
UPDATE "Subscriber" SET "nasId" = NULL WHERE "nasId" IS NOT NULL AND "nasId" NOT IN (SELECT id FROM "nas");

-- AddForeignKey
ALTER TABLE "Subscriber" ADD CONSTRAINT "Subscriber_nasId_fkey" FOREIGN KEY ("nasId") REFERENCES "nas"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
