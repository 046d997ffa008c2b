// The quotes module's face: quotes priced from the catalogue, their PDF, the signed expiring
// acceptance link and certificate, and the conversion of an accepted quote.
export { acceptQuote, type LinkState, quotePdfByLink, viewQuoteLink } from "./accept-quote";
export { acceptanceCertificatePdf } from "./certificate";
export { convertQuote } from "./convert-quote";
export { approveQuote, createQuote } from "./create-quote";
export { readQuoteLink } from "./links";
export { basisPointsOf, priceQuote } from "./pricing";
export { getQuote, listQuotes, storedQuotePdf } from "./queries";
export { quoteRoutes } from "./rest";
export { quotesRouter } from "./router";
export { CONSENT_TEXT, type CreateQuoteInput, createQuoteInput, DISCOUNT_APPROVAL_BP } from "./schemas";
export { type QuoteSeller, quotePdfFor, sendQuote } from "./send-quote";
