// The payments module's face: manual and card payments, refunds, the gateway's webhook.

export { seedPortalBilling } from "./portal-seed";
export { paymentsRouter } from "./router";
export { handlePaymentWebhook, recordManualPayment } from "./service";
