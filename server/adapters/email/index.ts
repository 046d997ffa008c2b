// The email adapter: `sendEmail` renders, stores (outbox) and delivers (resend) one message.
export { loadEmailBrand } from "./brand";
export { OutboxTransport } from "./outbox";
export type { DeliveryResult, EmailTransport, OutgoingEmail } from "./port";
export { ResendTransport } from "./resend";
export { fromAddressFor, type SendEmailInput, type SentEmail, sendEmail, transportFor } from "./send";
