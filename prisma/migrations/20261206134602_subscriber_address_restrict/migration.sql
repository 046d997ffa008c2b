-- DropForeignKey
ALTER TABLE "Subscriber" DROP CONSTRAINT "Subscriber_serviceAddressId_fkey";

-- AddForeignKey
ALTER TABLE "Subscriber" ADD CONSTRAINT "Subscriber_serviceAddressId_fkey" FOREIGN KEY ("serviceAddressId") REFERENCES "ServiceAddress"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
