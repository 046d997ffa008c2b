// A fake of the Stripe API subset the platform uses, speaking the same wire format:
//   POST /v1/checkout/sessions   (form-encoded, Bearer secret key) → a checkout session
//   GET  /v1/checkout/sessions/:id
//   POST /v1/refunds             (payment_intent, amount)          → a refund
//   GET  /v1/events[?type=…]     GET /v1/events/:id                 the events sent
//   GET  /checkout/:id           the hosted payment page (card form)
//   POST /checkout/:id           pays (4242… succeeds, 4000 0000 0000 0002 is declined) and
//                                redirects to success_url / shows the decline
// Every outcome is delivered to the webhook endpoint as a Stripe event
// (checkout.session.completed, payment_intent.payment_failed, charge.refunded) signed with
// `Stripe-Signature: t=<unix>,v1=<HMAC-SHA256(secret, "<t>.<body>")>`.
// Tests can redeliver an event (`redeliver(id)`) to prove it is processed exactly once.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeCheckoutSession = {
  id: string;
  object: "checkout.session";
  amount_total: number;
  currency: string;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string;
  url: string;
  created: number;
  line_description: string;
};

export type FakeEvent = { id: string; type: string; created: number; data: { object: unknown }; livemode: false };

export type FakeGatewayOptions = {
  port?: number;
  host?: string;
  secretKey?: string;
  webhookSecret?: string;
  /** Where events are POSTed; can be changed later with `setWebhookUrl`. */
  webhookUrl?: string | null;
};

export function stripeSignature(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) out[k] = v;
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

export async function startFakeGateway(opts: FakeGatewayOptions = {}) {
  // Random unless given: a published default would let anyone forge this gateway's events.
  const secretKey = opts.secretKey ?? `sk_test_${randomBytes(24).toString("hex")}`;
  const webhookSecret = opts.webhookSecret ?? `whsec_${randomBytes(24).toString("hex")}`;
  let webhookUrl = opts.webhookUrl ?? null;
  const sessions = new Map<string, FakeCheckoutSession>();
  const refunds: Array<{ id: string; payment_intent: string; amount: number; status: string }> = [];
  const events: FakeEvent[] = [];
  const deliveries: Array<{ eventId: string; status: number | null; error?: string }> = [];
  const paid = new Map<string, { amount: number; refunded: number; session: string }>();
  let baseUrl = "";

  async function deliver(event: FakeEvent) {
    if (!webhookUrl) return;
    const payload = JSON.stringify(event);
    try {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": stripeSignature(payload, webhookSecret) },
        body: payload,
      });
      deliveries.push({ eventId: event.id, status: res.status });
    } catch (error) {
      deliveries.push({ eventId: event.id, status: null, error: (error as Error).message });
    }
  }

  function emit(type: string, object: unknown) {
    const event: FakeEvent = {
      id: id("evt"),
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
    };
    events.push(event);
    return event;
  }

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
  function stripeError(res: ServerResponse, status: number, message: string, type = "invalid_request_error") {
    json(res, status, { error: { type, message } });
  }

  function checkoutPage(s: FakeCheckoutSession, error?: string) {
    const amount = new Intl.NumberFormat("en", { style: "currency", currency: s.currency.toUpperCase() }).format(
      s.amount_total /
        10 **
          (new Intl.NumberFormat("en", { style: "currency", currency: s.currency.toUpperCase() }).resolvedOptions()
            .maximumFractionDigits ?? 2),
    );
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay ${esc(amount)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;display:flex;justify-content:center;padding:40px}
main{background:#fff;border-radius:8px;box-shadow:0 2px 8px #0002;padding:32px;width:360px}
label{display:block;margin:12px 0 4px;font-size:14px}input{width:100%;padding:8px;font-size:16px;box-sizing:border-box}
button{margin-top:20px;width:100%;padding:12px;background:#635bff;color:#fff;border:0;border-radius:6px;font-size:16px}
.err{color:#c00;margin-top:12px}.muted{color:#666;font-size:13px}</style></head>
<body><main><p class="muted">Test mode checkout</p><h1 data-testid="checkout-amount">${esc(amount)}</h1>
<p>${esc(s.line_description)}</p>
${
  s.status !== "open"
    ? `<p>This checkout session is ${esc(s.status)}.</p>`
    : `<form method="post" action="/checkout/${esc(s.id)}">
<label for="email">Email</label><input id="email" name="email" value="${esc(s.customer_email ?? "")}">
<label for="card">Card number</label><input id="card" name="card" value="4242 4242 4242 4242" autocomplete="cc-number">
<label for="exp">Expiry</label><input id="exp" name="exp" value="12/34">
<label for="cvc">CVC</label><input id="cvc" name="cvc" value="123">
<button type="submit">Pay ${esc(amount)}</button></form>
<p><a href="${esc(s.cancel_url)}">Cancel and go back</a></p>`
}
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ""}</main></body></html>`;
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = req.method === "POST" ? await readBody(req) : "";
      const parts = url.pathname.split("/").filter(Boolean);

      if (parts[0] === "v1") {
        if (req.headers.authorization !== `Bearer ${secretKey}`)
          return stripeError(res, 401, "Invalid API Key provided", "authentication_error");
        if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
          const f = parseForm(body);
          const amount = Number(f["line_items[0][price_data][unit_amount]"]);
          const currency = f["line_items[0][price_data][currency]"];
          if (!Number.isInteger(amount) || amount <= 0) return stripeError(res, 400, "Invalid integer: unit_amount");
          if (!currency) return stripeError(res, 400, "Missing required param: currency");
          if (!f.success_url || !f.cancel_url) return stripeError(res, 400, "Missing required param: success_url");
          const metadata: Record<string, string> = {};
          for (const [k, v] of Object.entries(f)) {
            const m = /^metadata\[(.+)\]$/.exec(k);
            if (m) metadata[m[1]] = v;
          }
          const sid = id("cs");
          const session: FakeCheckoutSession = {
            id: sid,
            object: "checkout.session",
            amount_total: amount * Number(f["line_items[0][quantity]"] ?? 1),
            currency: currency.toLowerCase(),
            customer_email: f.customer_email ?? null,
            client_reference_id: f.client_reference_id ?? null,
            metadata,
            mode: "payment",
            payment_intent: null,
            payment_status: "unpaid",
            status: "open",
            success_url: f.success_url.replace("{CHECKOUT_SESSION_ID}", sid),
            cancel_url: f.cancel_url,
            url: `${baseUrl}/checkout/${sid}`,
            created: Math.floor(Date.now() / 1000),
            line_description: f["line_items[0][price_data][product_data][name]"] ?? "Payment",
          };
          sessions.set(sid, session);
          return json(res, 200, session);
        }
        if (req.method === "GET" && parts[1] === "checkout" && parts[2] === "sessions" && parts[3]) {
          const s = sessions.get(parts[3]);
          return s ? json(res, 200, s) : stripeError(res, 404, `No such checkout.session: '${parts[3]}'`);
        }
        // Events as Stripe lists them (newest first, optional `type`), e.g. for a test to
        // replay one to the webhook endpoint.
        if (req.method === "GET" && url.pathname === "/v1/events") {
          const type = url.searchParams.get("type");
          const limit = Math.min(Number(url.searchParams.get("limit") ?? 10) || 10, 100);
          const data = events.filter((e) => !type || e.type === type).reverse();
          return json(res, 200, { object: "list", data: data.slice(0, limit), has_more: data.length > limit });
        }
        if (req.method === "GET" && parts[1] === "events" && parts[2]) {
          const e = events.find((x) => x.id === parts[2]);
          return e ? json(res, 200, e) : stripeError(res, 404, `No such event: '${parts[2]}'`);
        }
        if (req.method === "POST" && url.pathname === "/v1/refunds") {
          const f = parseForm(body);
          const p = paid.get(f.payment_intent ?? "");
          if (!p) return stripeError(res, 400, `No such payment_intent: '${f.payment_intent}'`);
          const amount = f.amount ? Number(f.amount) : p.amount - p.refunded;
          if (!Number.isInteger(amount) || amount <= 0 || amount > p.amount - p.refunded)
            return stripeError(res, 400, "Refund amount is greater than the unrefunded amount on the charge");
          p.refunded += amount;
          const refund = {
            id: id("re"),
            object: "refund",
            payment_intent: f.payment_intent,
            amount,
            status: "succeeded",
          };
          refunds.push(refund);
          const event = emit("charge.refunded", {
            id: id("ch"),
            object: "charge",
            payment_intent: f.payment_intent,
            amount: p.amount,
            amount_refunded: p.refunded,
            metadata: sessions.get(p.session)?.metadata ?? {},
          });
          void deliver(event);
          return json(res, 200, refund);
        }
        return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
      }

      if (parts[0] === "checkout" && parts[1]) {
        const s = sessions.get(parts[1]);
        if (!s) {
          res.writeHead(404, { "content-type": "text/html" });
          return res.end("<h1>Checkout session not found</h1>");
        }
        if (req.method === "GET") {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return res.end(checkoutPage(s));
        }
        if (req.method === "POST" && s.status === "open") {
          const f = parseForm(body);
          const card = (f.card ?? "").replace(/\s/g, "");
          if (card === "4000000000000002" || !/^\d{12,19}$/.test(card)) {
            const event = emit("payment_intent.payment_failed", {
              id: id("pi"),
              object: "payment_intent",
              amount: s.amount_total,
              currency: s.currency,
              metadata: s.metadata,
              last_payment_error: { code: "card_declined", message: "Your card was declined." },
            });
            await deliver(event);
            res.writeHead(402, { "content-type": "text/html; charset=utf-8" });
            return res.end(checkoutPage(s, "Your card was declined."));
          }
          s.status = "complete";
          s.payment_status = "paid";
          s.payment_intent = id("pi");
          paid.set(s.payment_intent, { amount: s.amount_total, refunded: 0, session: s.id });
          const event = emit("checkout.session.completed", { ...s });
          await deliver(event);
          res.writeHead(303, { location: s.success_url });
          return res.end();
        }
        res.writeHead(409, { "content-type": "text/html" });
        return res.end(checkoutPage(s));
      }
      res.writeHead(404).end();
    } catch (error) {
      json(res, 500, { error: { type: "api_error", message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  baseUrl = `http://${opts.host ?? "127.0.0.1"}:${address.port}`;

  return {
    url: baseUrl,
    secretKey,
    webhookSecret,
    sessions,
    refunds,
    events,
    deliveries,
    setWebhookUrl(u: string | null) {
      webhookUrl = u;
    },
    /** Pays a session as a customer would on the hosted page (no browser needed). */
    async pay(sessionId: string, card = "4242424242424242") {
      const res = await fetch(`${baseUrl}/checkout/${sessionId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ card, exp: "12/34", cvc: "123" }).toString(),
        redirect: "manual",
      });
      return { status: res.status, location: res.headers.get("location") };
    },
    /** Sends an event again (a gateway retry). */
    async redeliver(eventId: string) {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      await deliver(event);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;
