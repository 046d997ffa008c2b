// A fake of resend's HTTP API (https://resend.com/docs/api-reference) for tests and demos:
// POST /emails, POST /emails/batch and GET /emails/:id, with the same bearer-key check,
// validation errors, idempotency keys and error bodies as the real service. It keeps every
// message it accepted and can be told to fail the next requests.
//
//   const fake = await startFakeResend({ apiKey: "re_test" });
//   new Resend("re_test", { baseUrl: fake.url });
//   fake.messages  // what it received
//   fake.failNext({ status: 500 })
//   await fake.close();
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeResendMessage = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  headers?: Record<string, string>;
  tags?: Array<{ name: string; value: string }>;
  idempotencyKey?: string;
  authorization: string;
  userAgent: string | undefined;
  created_at: string;
};

export type InjectedFailure = {
  status: number;
  /** resend's error name, e.g. "application_error", "rate_limit_exceeded". */
  name?: string;
  message?: string;
  /** Answer with a body that is not JSON (like a proxy's error page). */
  rawBody?: string;
};

export type FakeResend = {
  url: string;
  port: number;
  messages: FakeResendMessage[];
  /** Every request, accepted or not (method, path, status). */
  requests: Array<{ method: string; path: string; status: number }>;
  /** The next `times` POSTs to /emails fail as given. */
  failNext(failure: InjectedFailure, times?: number): void;
  reset(): void;
  close(): Promise<void>;
};

const ERRORS = {
  missing: { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." },
  invalid: { statusCode: 403, name: "invalid_api_key", message: "API key is invalid" },
  notFound: { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." },
  method: { statusCode: 405, name: "method_not_allowed", message: "Method is not allowed for the requested path." },
};

const asList = (v: unknown): string[] | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? JSON.parse(raw) : {};
}

/** resend's checks on one email payload; a message when it is invalid. */
function validationProblem(body: Record<string, unknown>): string | null {
  if (!body.from) return "Missing `from` field.";
  if (!body.to || (Array.isArray(body.to) && body.to.length === 0)) return "Missing `to` field.";
  if (!body.subject) return "Missing `subject` field.";
  const to = asList(body.to) ?? [];
  if (to.length > 50) return "Too many recipients. Please limit the number of recipients to 50.";
  for (const address of to) {
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.replace(/^.*<(.*)>$/, "$1")))
      return `Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;
  }
  if (!body.html && !body.text && !body.react && !body.template) return "Missing `html` or `text` field.";
  return null;
}

export async function startFakeResend(
  opts: { apiKey?: string; port?: number; host?: string } = {},
): Promise<FakeResend> {
  const apiKey = opts.apiKey ?? "re_test_key";
  const messages: FakeResendMessage[] = [];
  const requests: FakeResend["requests"] = [];
  const byIdempotencyKey = new Map<string, string>();
  let failures: InjectedFailure[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const reply = (status: number, body: unknown) => {
      requests.push({ method: req.method ?? "", path, status });
      send(res, status, body);
    };
    const auth = req.headers.authorization;
    if (!auth?.startsWith("Bearer ") || !auth.slice(7).trim()) return reply(401, ERRORS.missing);
    if (auth.slice(7).trim() !== apiKey) return reply(403, ERRORS.invalid);

    const accept = (body: Record<string, unknown>, idempotencyKey?: string): FakeResendMessage => {
      const message: FakeResendMessage = {
        id: randomUUID(),
        from: String(body.from),
        to: asList(body.to) ?? [],
        subject: String(body.subject),
        html: body.html as string | undefined,
        text: body.text as string | undefined,
        cc: asList(body.cc),
        bcc: asList(body.bcc),
        reply_to: asList(body.reply_to),
        headers: body.headers as Record<string, string> | undefined,
        tags: body.tags as FakeResendMessage["tags"],
        idempotencyKey,
        authorization: auth,
        userAgent: req.headers["user-agent"],
        created_at: new Date().toISOString(),
      };
      messages.push(message);
      return message;
    };

    try {
      if (req.method === "POST" && (path === "/emails" || path === "/emails/batch")) {
        const failure = failures.shift();
        if (failure) {
          requests.push({ method: req.method, path, status: failure.status });
          if (failure.rawBody !== undefined) {
            res.writeHead(failure.status, { "content-type": "text/html" });
            return res.end(failure.rawBody);
          }
          return send(res, failure.status, {
            statusCode: failure.status,
            name: failure.name ?? (failure.status === 429 ? "rate_limit_exceeded" : "application_error"),
            message: failure.message ?? "An unexpected error occurred.",
          });
        }
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return reply(400, { statusCode: 400, name: "invalid_parameter", message: "Request body is not valid JSON" });
        }
        const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? undefined;
        if (path === "/emails") {
          const problem = validationProblem(body as Record<string, unknown>);
          if (problem) return reply(422, { statusCode: 422, name: "validation_error", message: problem });
          if (idempotencyKey && byIdempotencyKey.has(idempotencyKey))
            return reply(200, { id: byIdempotencyKey.get(idempotencyKey) });
          const message = accept(body as Record<string, unknown>, idempotencyKey);
          if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, message.id);
          return reply(200, { id: message.id });
        }
        if (!Array.isArray(body) || body.length === 0 || body.length > 100)
          return reply(422, { statusCode: 422, name: "validation_error", message: "Send between 1 and 100 emails." });
        for (const item of body) {
          const problem = validationProblem(item as Record<string, unknown>);
          if (problem) return reply(422, { statusCode: 422, name: "validation_error", message: problem });
        }
        const accepted = body.map((item) => accept(item as Record<string, unknown>));
        return reply(200, { data: accepted.map((m) => ({ id: m.id })) });
      }
      const one = /^\/emails\/([^/]+)$/.exec(path);
      if (one && req.method === "GET") {
        const message = messages.find((m) => m.id === one[1]);
        if (!message) return reply(404, { statusCode: 404, name: "not_found", message: "Email not found" });
        return reply(200, {
          object: "email",
          id: message.id,
          to: message.to,
          from: message.from,
          created_at: message.created_at,
          subject: message.subject,
          html: message.html ?? null,
          text: message.text ?? null,
          bcc: message.bcc ?? null,
          cc: message.cc ?? null,
          reply_to: message.reply_to ?? null,
          last_event: "delivered",
        });
      }
      if (path === "/emails" || one) return reply(405, ERRORS.method);
      return reply(404, ERRORS.notFound);
    } catch (error) {
      return reply(500, { statusCode: 500, name: "application_error", message: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    messages,
    requests,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset() {
      messages.length = 0;
      requests.length = 0;
      failures = [];
      byIdempotencyKey.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
