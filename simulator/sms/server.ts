// A fake of Twilio's Messages API for tests and demos:
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json   (form-encoded, HTTP basic auth)
//   GET  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json
// with Twilio's error bodies ({code, message, more_info, status}) and codes (20003 auth,
// 21211 invalid To, 21602 missing Body, 21603/21604 missing From/To). When a message has a
// StatusCallback, the fake posts "sent" then "delivered" (or "undelivered" for numbers listed
// in `undeliverable`) to it, signed with X-Twilio-Signature like Twilio does.
// It honours I-Twilio-Idempotency-Token: a repeated token returns the first message.
//
//   const fake = await startFakeTwilio({ accountSid: "AC…", authToken: "secret" });
//   new TwilioSmsSender({ accountSid, authToken, from: "+15005550006", baseUrl: fake.url });
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { twilioSignature } from "@/server/adapters/sms/signature";

export type FakeSms = {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: "queued" | "sent" | "delivered" | "undelivered" | "failed";
  status_callback?: string;
  idempotency_token?: string;
  date_created: string;
  error_code: number | null;
};

export type FakeTwilio = {
  url: string;
  port: number;
  messages: FakeSms[];
  /** Every request: method, path, HTTP status answered. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** Status callbacks posted (with the status code our webhook answered). */
  callbacks: Array<{ sid: string; status: string; answered: number }>;
  failNext(failure: { status: number; code?: number; message?: string }, times?: number): void;
  /** Waits until every pending status callback was posted. */
  settle(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
};

export type FakeTwilioOptions = {
  accountSid?: string;
  authToken?: string;
  port?: number;
  /** Post status callbacks (default true). */
  callbacks?: boolean;
  /** Numbers whose messages end "undelivered" (error 30003). */
  undeliverable?: string[];
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readForm(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export async function startFakeTwilio(opts: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = opts.accountSid ?? `AC${"0".repeat(32)}`;
  const authToken = opts.authToken ?? "fake_auth_token";
  const messages: FakeSms[] = [];
  const requests: FakeTwilio["requests"] = [];
  const callbacks: FakeTwilio["callbacks"] = [];
  const byToken = new Map<string, FakeSms>();
  const pending = new Set<Promise<void>>();
  let failures: Array<{ status: number; code?: number; message?: string }> = [];

  const post = (m: FakeSms, status: FakeSms["status"]) => {
    if (!m.status_callback || opts.callbacks === false) return;
    const url = m.status_callback;
    const params: Record<string, string> = {
      AccountSid: accountSid,
      MessageSid: m.sid,
      SmsSid: m.sid,
      MessageStatus: status,
      SmsStatus: status,
      To: m.to,
      From: m.from,
      ApiVersion: "2010-04-01",
      ...(status === "undelivered" ? { ErrorCode: "30003" } : {}),
    };
    const p = fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(authToken, url, params),
        "i-twilio-idempotency-token": `${m.sid}-${status}`,
      },
      body: new URLSearchParams(params).toString(),
    })
      .then((r) => {
        callbacks.push({ sid: m.sid, status, answered: r.status });
      })
      .catch(() => {
        callbacks.push({ sid: m.sid, status, answered: 0 });
      });
    return p;
  };

  const deliver = (m: FakeSms) => {
    const run = (async () => {
      m.status = "sent";
      await post(m, "sent");
      const undeliverable = opts.undeliverable?.includes(m.to);
      m.status = undeliverable ? "undelivered" : "delivered";
      m.error_code = undeliverable ? 30003 : null;
      await post(m, m.status);
    })();
    pending.add(run);
    run.finally(() => pending.delete(run));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    const reply = (status: number, body: unknown) => {
      requests.push({ method: req.method ?? "", path, status });
      json(res, status, body);
    };
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/.exec(path);
    if (!match) return reply(404, twilioError(404, 20404, "The requested resource was not found"));
    const auth = req.headers.authorization ?? "";
    const [user, pass] = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":");
    if (!auth.startsWith("Basic ") || user !== accountSid || pass !== authToken || match[1] !== accountSid)
      return reply(401, twilioError(401, 20003, "Authenticate"));

    if (req.method === "GET" && match[2]) {
      const m = messages.find((x) => x.sid === match[2]);
      return m ? reply(200, m) : reply(404, twilioError(404, 20404, `The requested resource ${path} was not found`));
    }
    if (req.method !== "POST" || match[2]) return reply(405, twilioError(405, 20004, "Method not allowed"));

    const form = await readForm(req);
    const token = req.headers["i-twilio-idempotency-token"];
    const tokenKey = typeof token === "string" ? token : undefined;
    if (tokenKey && byToken.has(tokenKey)) return reply(201, byToken.get(tokenKey));
    const failure = failures.shift();
    if (failure)
      return reply(
        failure.status,
        twilioError(failure.status, failure.code ?? 20500, failure.message ?? "Internal error"),
      );
    if (!form.To) return reply(400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!form.From && !form.MessagingServiceSid)
      return reply(400, twilioError(400, 21603, "A 'From' phone number is required."));
    if (!form.Body && !form.MediaUrl) return reply(400, twilioError(400, 21602, "Message body is required."));
    if (!/^\+[1-9]\d{6,14}$/.test(form.To))
      return reply(400, twilioError(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`));
    const m: FakeSms = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      account_sid: accountSid,
      to: form.To,
      from: form.From ?? form.MessagingServiceSid,
      body: form.Body ?? "",
      status: "queued",
      status_callback: form.StatusCallback,
      idempotency_token: tokenKey,
      date_created: new Date().toUTCString(),
      error_code: null,
    };
    messages.push(m);
    if (tokenKey) byToken.set(tokenKey, m);
    reply(201, { ...m });
    deliver(m);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messages,
    requests,
    callbacks,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
    reset() {
      messages.length = 0;
      requests.length = 0;
      callbacks.length = 0;
      byToken.clear();
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
