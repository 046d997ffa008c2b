-- AlterTable
ALTER TABLE "IpPool" ADD COLUMN     "framedPool" TEXT;

-- AlterTable
ALTER TABLE "Subscriber" DROP COLUMN "ipamAddressId",
ADD COLUMN     "framedPool" TEXT;
