// Every notification template, by key. notify() looks templates up here; the preview page
// lists them. Add a template: write emails/<name>.tsx with defineTemplate and list it below.
import { announcement } from "./announcement";
import { cancellation } from "./cancellation";
import { dunningReminder } from "./dunning-reminder";
import { equipmentReturnDue } from "./equipment-return-due";
import { incidentUpdate } from "./incident-update";
import { invoiceIssued } from "./invoice-issued";
import type { NotificationTemplate } from "./kit";
import { maintenanceCompleted } from "./maintenance-completed";
import { maintenanceScheduled } from "./maintenance-scheduled";
import { maintenanceStarted } from "./maintenance-started";
import { monitoringAlert } from "./monitoring-alert";
import { outage } from "./outage";
import { paymentFailed } from "./payment-failed";
import { paymentReceived } from "./payment-received";
import { planChanged } from "./plan-changed";
import { quoteSent } from "./quote-sent";
import { restored } from "./restored";
import { serviceNotice } from "./service-notice";
import { serviceRestored } from "./service-restored";
import { suspended } from "./suspended";
import { ticketCreated } from "./ticket-created";
import { ticketUpdated } from "./ticket-updated";
import { welcome } from "./welcome";
import { workOrderAssigned } from "./work-order-assigned";

export const TEMPLATES = {
  welcome,
  plan_changed: planChanged,
  suspended,
  restored,
  invoice_issued: invoiceIssued,
  payment_received: paymentReceived,
  payment_failed: paymentFailed,
  dunning_reminder: dunningReminder,
  maintenance_scheduled: maintenanceScheduled,
  maintenance_started: maintenanceStarted,
  maintenance_completed: maintenanceCompleted,
  outage,
  incident_update: incidentUpdate,
  service_restored: serviceRestored,
  ticket_created: ticketCreated,
  ticket_updated: ticketUpdated,
  quote_sent: quoteSent,
  work_order_assigned: workOrderAssigned,
  equipment_return_due: equipmentReturnDue,
  cancellation,
  announcement,
  service_notice: serviceNotice,
  monitoring_alert: monitoringAlert,
} as const satisfies Record<string, NotificationTemplate>;

export type TemplateKey = keyof typeof TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

export function findTemplate(key: string): NotificationTemplate | undefined {
  return (TEMPLATES as Record<string, NotificationTemplate>)[key];
}
