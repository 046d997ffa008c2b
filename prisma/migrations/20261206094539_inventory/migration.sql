-- CreateEnum
CREATE TYPE "InventoryKind" AS ENUM ('ONU', 'CPE', 'ROUTER', 'SFP', 'CABLE', 'CONSUMABLE');

-- CreateEnum
CREATE TYPE "StockLocationKind" AS ENUM ('WAREHOUSE', 'VAN', 'CUSTOMER', 'RMA', 'SCRAP');

-- CreateEnum
CREATE TYPE "ItemCondition" AS ENUM ('NEW', 'GOOD', 'REFURBISHED', 'NEEDS_INSPECTION', 'FAULTY', 'SCRAPPED');

-- CreateEnum
CREATE TYPE "MovementKind" AS ENUM ('RECEIVE', 'TRANSFER', 'ASSIGN', 'RETURN', 'INSPECT', 'WRITE_OFF');

-- CreateTable
CREATE TABLE "InventoryModel" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "InventoryKind" NOT NULL,
    "serialised" BOOLEAN NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'pcs',
    "priceMinor" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockLocation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "StockLocationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "technicianId" UUID,
    "subscriberId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockMinimum" (
    "tenantId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "StockMinimum_pkey" PRIMARY KEY ("locationId","modelId")
);

-- CreateTable
CREATE TABLE "InventoryItem" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "mac" TEXT,
    "condition" "ItemCondition" NOT NULL DEFAULT 'NEW',
    "locationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryMovement" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "MovementKind" NOT NULL,
    "modelId" UUID NOT NULL,
    "itemId" UUID,
    "fromLocationId" UUID,
    "toLocationId" UUID,
    "quantity" INTEGER NOT NULL,
    "subscriberId" UUID,
    "workOrderId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryMovement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InventoryModel_tenantId_code_key" ON "InventoryModel"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "StockLocation_tenantId_technicianId_key" ON "StockLocation"("tenantId", "technicianId");

-- CreateIndex
CREATE UNIQUE INDEX "StockLocation_tenantId_subscriberId_key" ON "StockLocation"("tenantId", "subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "StockLocation_tenantId_kind_name_key" ON "StockLocation"("tenantId", "kind", "name");

-- CreateIndex
CREATE INDEX "StockMinimum_tenantId_idx" ON "StockMinimum"("tenantId");

-- CreateIndex
CREATE INDEX "InventoryItem_tenantId_locationId_idx" ON "InventoryItem"("tenantId", "locationId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryItem_tenantId_serial_key" ON "InventoryItem"("tenantId", "serial");

-- CreateIndex
CREATE INDEX "InventoryMovement_tenantId_itemId_createdAt_idx" ON "InventoryMovement"("tenantId", "itemId", "createdAt");

-- CreateIndex
CREATE INDEX "InventoryMovement_tenantId_fromLocationId_modelId_idx" ON "InventoryMovement"("tenantId", "fromLocationId", "modelId");

-- CreateIndex
CREATE INDEX "InventoryMovement_tenantId_toLocationId_modelId_idx" ON "InventoryMovement"("tenantId", "toLocationId", "modelId");

-- AddForeignKey
ALTER TABLE "InventoryItem" ADD CONSTRAINT "InventoryItem_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "InventoryModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger is append-only: a movement, once written, is never changed or removed.
CREATE FUNCTION inventory_movement_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'InventoryMovement is append-only; record a new movement instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER inventory_movement_append_only
  BEFORE UPDATE OR DELETE ON "InventoryMovement"
  FOR EACH ROW EXECUTE FUNCTION inventory_movement_append_only();
