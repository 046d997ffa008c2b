// The tickets module's face: the support desk's tickets, their thread, SLA clocks and queue.
export {
  ATTACHMENT_MAX_BYTES,
  addAttachments as addTicketAttachments,
  type Reader as TicketReader,
  readAttachment as readTicketAttachment,
} from "./attachments";
export { ticketLinks } from "./get-ticket";
export { type InboundOutcome, receiveInboundEmail } from "./inbound-email";
export { ticketsJobs } from "./jobs";
export { listTickets } from "./list-tickets";
export { openTicket } from "./open-ticket";
export {
  type PartnerAuthor,
  partnerOpenTicket,
  partnerOpenTicketInput,
  partnerReply,
  partnerReplyInput,
  partnerTicket,
  partnerTicketList,
} from "./partner-view";
export { addCustomerReply, replyToTicket } from "./reply";
export { type TicketApiView, ticketApiPage, ticketApiView, ticketRoutes } from "./rest";
export { ticketsRouter } from "./router";
export {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SEVERITIES,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
} from "./schemas";
export { DEMO_TICKETS, seedTickets } from "./seed";
export { getSlaPolicy, updateSlaPolicy } from "./sla";
export { runSlaWatch } from "./sla-watch";
export { updateTicket } from "./update-ticket";
