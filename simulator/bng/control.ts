// HTTP control API of the BNG simulator (dev, demo, e2e): see and steer the simulated CPEs,
// sessions and faults.
//   GET  /sessions                 open sessions
//   GET  /cpes                     registered CPEs (username, mac, autoDial; no passwords)
//   POST /cpes                     {username, password, mac?, autoDial?}   register a CPE
//   PATCH /cpes/<username>         {password?, autoDial?}   e.g. "the password was changed on the CPE"
//   POST /cpes/<username>/dial     one dial attempt now → {accepted, reason?, session?}
//   POST /sessions/<id>/hangup     Accounting-Stop (User-Request)
//   POST /sessions/<id>/interim    Interim-Update with some traffic
//   POST /fault                    {mode: "nak", errorCause?, only?} | {mode: "timeout", only?} | {mode: null}
//                                  (only: "CoA" or "Disconnect" limits the fault to that request)
//   GET  /dae                      CoA/Disconnect requests received and the answers given
//   POST /accounting               {type: "Accounting-On" | "Accounting-Off"}
import http from "node:http";
import type { BngSimulator } from "./bng";

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

export function startControlServer(bng: BngSimulator, port = 0, host = "127.0.0.1") {
  const server = http.createServer(async (req, res) => {
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    try {
      const url = new URL(req.url ?? "/", "http://bng");
      const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
      if (req.method === "GET" && url.pathname === "/sessions") return send(200, [...bng.sessions.values()]);
      if (req.method === "GET" && url.pathname === "/cpes")
        return send(
          200,
          [...bng.cpes.values()].map(({ password: _p, ...c }) => ({
            ...c,
            connected: Boolean(bng.sessionOf(c.username)),
          })),
        );
      if (req.method === "POST" && url.pathname === "/cpes") {
        const b = await body(req);
        const cpe = bng.addCpe({
          username: String(b.username),
          password: String(b.password),
          mac: b.mac ? String(b.mac) : undefined,
          autoDial: b.autoDial === undefined ? true : Boolean(b.autoDial),
        });
        return send(201, { username: cpe.username, mac: cpe.mac });
      }
      if (parts[0] === "cpes" && parts[1]) {
        const cpe = bng.cpes.get(parts[1]);
        if (!cpe) return send(404, { error: `no CPE ${parts[1]}` });
        if (req.method === "PATCH" && parts.length === 2) {
          const b = await body(req);
          if (typeof b.password === "string") cpe.password = b.password;
          if (typeof b.autoDial === "boolean") cpe.autoDial = b.autoDial;
          return send(200, { username: cpe.username, autoDial: cpe.autoDial });
        }
        if (req.method === "POST" && parts[2] === "dial") {
          const r = await bng.dial(cpe.username);
          return send(200, r.accepted ? { accepted: true, session: r.session } : { accepted: false, reason: r.reason });
        }
      }
      if (req.method === "POST" && parts[0] === "sessions" && parts[1] && parts[2] === "hangup")
        return send(200, { stopped: await bng.hangup(parts[1]) });
      if (req.method === "POST" && parts[0] === "sessions" && parts[1] && parts[2] === "interim") {
        await bng.interim(parts[1]);
        return send(200, bng.sessions.get(parts[1]) ?? null);
      }
      if (req.method === "POST" && url.pathname === "/fault") {
        const b = await body(req);
        const only = b.only === "CoA" || b.only === "Disconnect" ? b.only : undefined;
        bng.fault =
          b.mode === "nak"
            ? { mode: "nak", errorCause: typeof b.errorCause === "number" ? b.errorCause : undefined, only }
            : b.mode === "timeout"
              ? { mode: "timeout", only }
              : null;
        return send(200, { fault: bng.fault });
      }
      if (req.method === "GET" && url.pathname === "/dae") return send(200, bng.daeLog.slice(-200));
      if (req.method === "POST" && url.pathname === "/accounting") {
        const b = await body(req);
        await bng.accountingOnOff(b.type === "Accounting-Off" ? "Accounting-Off" : "Accounting-On");
        return send(200, { ok: true });
      }
      send(404, { error: "not found" });
    } catch (error) {
      send(500, { error: (error as Error).message });
    }
  });
  return new Promise<{ port: number; close(): Promise<void> }>((resolve) => {
    server.listen(port, host, () => {
      const address = server.address() as { port: number };
      resolve({ port: address.port, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}
