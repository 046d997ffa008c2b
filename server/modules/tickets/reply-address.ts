// The address a ticket's emails ask the customer to reply to, when inbound email is set up
// (INBOUND_EMAIL_DOMAIN): support+<reply token>@domain, threaded back by inbound-email.ts.
export function ticketReplyAddress(replyToken: string): string | undefined {
  const domain = process.env.INBOUND_EMAIL_DOMAIN;
  return domain ? `support+${replyToken}@${domain}` : undefined;
}
