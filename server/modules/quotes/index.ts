// The quotes module's face: quotes priced from the catalogue, their PDF, the signed expiring
// acceptance link and certificate, the conversion of an accepted quote, and product orders
// (from an accepted quote or the catalogue; TMF622 on REST through the tmforum module).
export { acceptQuote, type LinkState, quotePdfByLink, viewQuoteLink } from "./accept-quote";
export { acceptanceCertificatePdf } from "./certificate";
export { convertQuote } from "./convert-quote";
export { approveQuote, createQuote } from "./create-quote";
export { readQuoteLink } from "./links";
export { basisPointsOf, priceQuote } from "./pricing";
export {
  getProductOrder,
  listProductOrders,
  type PlaceProductOrderInput,
  PRODUCT_ORDER_STATES,
  type ProductOrderState,
  type ProductOrderView,
  placeProductOrder,
} from "./product-orders";
export { getQuote, listQuotes, storedQuotePdf } from "./queries";
export { quoteRoutes } from "./rest";
export { quotesRouter } from "./router";
export { CONSENT_TEXT, type CreateQuoteInput, createQuoteInput, DISCOUNT_APPROVAL_BP } from "./schemas";
export { type QuoteSeller, quotePdfFor, sendQuote } from "./send-quote";
