// The TM Forum facades' face: TMF638 Service Inventory and TMF622 Product Ordering on the
// platform's subscribers and provisioning workflow, TMF621 Trouble Ticket on the support desk,
// TMF642 Alarm Management on the alarms (REST routes only; no tables of their own).
export { tmforumRoutes } from "./rest";
