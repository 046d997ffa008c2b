// The inventory module's face: item models, stock locations (warehouses, vans, premises, RMA,
// scrap), serialised items and the append-only movement ledger.
export { importDeliveryCsv } from "./csv-import";
export {
  assignEquipment,
  equipmentHistory,
  inspectEquipment,
  receiveEquipment,
  returnEquipment,
  transferEquipment,
} from "./equipment";
export { inventoryJobs } from "./jobs";
export { stockByLocation } from "./ledger";
export { listLocations, MAIN_WAREHOUSE, premisesOf, standingLocation, vanOf } from "./locations";
export { createModel, listModels } from "./models";
export { inventoryRoutes } from "./rest";
export {
  fittedEquipment,
  listEquipmentReturns,
  openEquipmentReturns,
  returnPolicy,
  runEquipmentReturns,
  setReturnPolicy,
} from "./returns";
export { inventoryRouter } from "./router";
export { INSPECTION_OUTCOMES, INVENTORY_KINDS, LOCATION_KINDS, MOVEMENT_LABELS } from "./schemas";
export { seedFittedEquipment } from "./seed";
export { setMinimum, stockReport, vanStock } from "./stock";
