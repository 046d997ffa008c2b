// The billing module's face: subscriptions (what a subscriber is billed for), invoices, credit
// balances, billing runs, the portal's invoice views and the billing calendar.
export { billingNow, billingToday } from "./clock";
export { type CommissionableInvoice, commissionableInvoices } from "./commissionable";
export { type BilledSubscriber, loadBillingTenant } from "./directory";
export { BALANCE_REDUCED_EVENT, BILLING_RUN_EVENT } from "./events";
export {
  findInvoice,
  type InvoicePayment,
  invoiceIdsWithNumber,
  invoicesByIds,
  type LockedInvoice,
  lockInvoicesForPayment,
  provideInvoicePayments,
  setInvoicePaid,
} from "./invoice-payments";
export { amountDue, settledStatus } from "./invoicing";
export { billingJobs, requestBillingRun } from "./jobs";
export {
  addDays,
  applyTax,
  cycleContaining,
  daysBetween,
  formatMoney,
  isoDate,
  parseDate,
  parseMajor,
  type TaxedAmount,
} from "./money";
export { type BillingTemplate, billingNotice } from "./notices";
export { type OverdueSubscription, overdueSubscriptions } from "./overdue";
export { pdfSafe } from "./pdf";
export { portalInvoicePdf, portalOverview, requireCustomer } from "./portal";
export { billingRouter } from "./router";
export { billCycleOf, finishBillingRun, runBillingBatch, runBillingCycle, startBillingRun } from "./run";
export { type BillingState, billingStates } from "./scan";
export { seedBilling } from "./seed";
export {
  adjustCreditBalance,
  createDraftInvoice,
  customerAccount,
  emailRunInvoices,
  getInvoice,
  invoiceCount,
  invoicePdf,
  issueInvoices,
} from "./service";
export {
  addOneOffCharge,
  type BillingPreviewLine,
  cancelPendingBillingSubscription,
  changeBillingPlan,
  createPendingBillingSubscription,
  endBillingSubscription,
  getBillingSubscription,
  invoiceEndedCharges,
  previewBillingEnd,
  previewBillingPlanChange,
  reopenPendingBillingSubscription,
  startBillingSubscription,
} from "./subscriptions";
