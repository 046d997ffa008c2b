// The work orders module's face: surveys, installs, repairs, removals and maintenance jobs —
// create, assign, move along, record, complete — and the "completed" hook other modules
// subscribe to (onWorkOrderCompleted in their jobs.ts).
export { assignWorkOrder } from "./assign";
export { completeWorkOrder, missingForCompletion } from "./complete-work-order";
export {
  onWorkOrderCancelled,
  onWorkOrderCompleted,
  WORK_ORDER_CANCELLED_EVENT,
  WORK_ORDER_COMPLETED_EVENT,
  type WorkOrderCancelled,
  type WorkOrderCompleted,
} from "./completed";
export { createWorkOrder } from "./create-work-order";
export { workOrderNumber } from "./history";
export { getWorkOrder, listWorkOrders, technicianDay } from "./list-work-orders";
export { type MoveInput, moveWorkOrder } from "./progress";
export { addWorkOrderPhoto, recordFindings, signWorkOrder, workOrderImage } from "./record";
export { openRemoval, workordersJobs } from "./removal";
export { appointmentRoutes } from "./rest";
export { workordersRouter } from "./router";
export {
  type AssignInput,
  CHECKLIST_TEMPLATES,
  COMPLETION_REQUIREMENTS,
  type CreateWorkOrderInput,
  REQUIRED_SKILLS,
  type RecordInput,
  TECHNICIAN_SKILL_LABELS,
  TECHNICIAN_SKILLS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_STATUS_LABELS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPE_LABELS,
  WORK_ORDER_TYPES,
} from "./schemas";
export { DEMO_INSTALL, seedFieldWork } from "./seed";
export { listTechnicians, removeTechnician, saveTechnicianProfile, searchTimeSlots } from "./technicians";
