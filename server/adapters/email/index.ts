// The email adapter: `sendEmail` renders, stores (outbox) and delivers (resend) one message.

export { getEmail, listEmails } from "./mailbox";
export { OutboxTransport } from "./outbox";
export type { DeliveryResult, EmailTransport, OutgoingEmail } from "./port";
export { ResendTransport } from "./resend";
export {
  type EmailSender,
  fromAddressFor,
  LINK_NOT_STORED,
  type SendEmailInput,
  type SentEmail,
  sendEmail,
  transportFor,
} from "./send";
