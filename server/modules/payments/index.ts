// The payments module's face: manual and card payments, refunds, the gateway's webhook.
// Loading the face gives billing the reader of an invoice's payments.
import "./invoice-payments";

export { seedPortalBilling } from "./portal-seed";
export { paymentsRouter } from "./router";
export { handlePaymentWebhook, recordManualPayment } from "./service";
