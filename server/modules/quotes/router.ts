// Quote procedures: staff create, approve, send, cancel and follow quotes (and retry a stopped
// conversion); the public acceptance page reads a link and accepts through it.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { publicProcedure, tenantProcedure } from "@/server/trpc/procedures";
import { acceptQuote, viewQuoteLink } from "./accept-quote";
import { cancelQuote } from "./cancel-quote";
import { convertQuote } from "./convert-quote";
import { approveQuote, createQuote } from "./create-quote";
import { getQuote, listQuotes } from "./queries";
import { acceptInput, createQuoteInput } from "./schemas";
import { sendQuote } from "./send-quote";

const id = z.object({ id: z.string().uuid() });

const publicRouter = t.router({
  view: publicProcedure
    .input(z.object({ token: z.string().min(10).max(2000) }))
    .query(({ input }) => viewQuoteLink(input.token)),
  accept: publicProcedure
    .input(acceptInput)
    .mutation(({ ctx, input }) => acceptQuote(input, { ip: ctx.ip, userAgent: ctx.userAgent ?? null })),
});

export const quotesRouter = t.router({
  public: publicRouter,
  list: tenantProcedure("lead.read")
    .input(listInput)
    .query(({ ctx, input }) => listQuotes(ctx.svc, input)),
  get: tenantProcedure("lead.read")
    .input(id)
    .query(({ ctx, input }) => getQuote(ctx.svc, input.id)),
  create: tenantProcedure("lead.write")
    .input(createQuoteInput)
    .mutation(({ ctx, input }) => createQuote(ctx.svc, input)),
  approve: tenantProcedure("quote.approve")
    .input(id)
    .mutation(({ ctx, input }) => approveQuote(ctx.svc, input.id)),
  send: tenantProcedure("lead.write")
    .input(id)
    .mutation(async ({ ctx, input }) => (await sendQuote(ctx.svc, input.id)).quote.id),
  cancel: tenantProcedure("lead.write")
    .input(id)
    .mutation(({ ctx, input }) => cancelQuote(ctx.svc, input.id)),
  retryConversion: tenantProcedure("lead.write")
    .input(id)
    .mutation(({ ctx, input }) => convertQuote(ctx.svc, input.id)),
});
