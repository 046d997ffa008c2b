// The payments port and the Stripe-compatible client. Which gateway a tenant uses is chosen in
// the composition root (server/adapters/compose.ts).
export * from "./port";
export { claimedTenantId, StripeGateway, verifyStripeSignature } from "./stripe";
