// A fast RADIUS load generator for the benchmark: pre-encoded packets, many requests in
// flight over several sockets, identifiers patched at send time. Access-Requests are sent
// without Message-Authenticator (FreeRADIUS 3.2.1 does not require it from a NAS) so a
// packet can be reused with a new identifier; Accounting-Requests get their Request
// Authenticator computed per send (it covers the identifier).
import { createHash } from "node:crypto";
import dgram from "node:dgram";

export type LoadResult = {
  sent: number;
  answered: number;
  ok: number;
  perSecond: number;
  okPerSecond: number;
  lost: number;
};

export async function runLoad(opts: {
  host: string;
  port: number;
  secret: string;
  packets: Buffer[];
  /** true: Accounting-Request (authenticator computed per send). */
  accounting: boolean;
  /** Reply code counted as success (2 Access-Accept, 5 Accounting-Response). */
  okCode: number;
  durationMs: number;
  sockets?: number;
  inflightPerSocket?: number;
  sourceIp?: string;
  timeoutMs?: number;
}): Promise<LoadResult> {
  const socketsN = opts.sockets ?? 4;
  const window = Math.min(opts.inflightPerSocket ?? 64, 255);
  const secret = Buffer.from(opts.secret);
  let sent = 0;
  let answered = 0;
  let ok = 0;
  let lost = 0;
  let cursor = 0;
  let stopping = false;
  const started = Date.now();
  const sockets = await Promise.all(
    Array.from({ length: socketsN }, async () => {
      const s = dgram.createSocket({ type: "udp4", recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
      await new Promise<void>((r) => s.bind(0, opts.sourceIp ?? "127.0.0.1", () => r()));
      return s;
    }),
  );
  const zero = Buffer.alloc(16);
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          const inflight = new Map<number, number>(); // id → sent at
          let nextId = 0;
          const sendOne = () => {
            if (stopping) return;
            let id = nextId;
            for (let i = 0; i < 256 && inflight.has(id); i++) id = (id + 1) % 256;
            if (inflight.has(id)) return;
            nextId = (id + 1) % 256;
            const template = opts.packets[cursor++ % opts.packets.length];
            const packet = Buffer.from(template);
            packet[1] = id;
            if (opts.accounting) {
              zero.copy(packet, 4);
              createHash("md5").update(packet).update(secret).digest().copy(packet, 4);
            }
            inflight.set(id, Date.now());
            sent++;
            socket.send(packet, opts.port, opts.host);
          };
          socket.on("message", (msg) => {
            if (!inflight.delete(msg[1])) return;
            answered++;
            if (msg[0] === opts.okCode) ok++;
            sendOne();
          });
          const sweep = setInterval(() => {
            const now = Date.now();
            for (const [id, at] of inflight) {
              if (now - at > (opts.timeoutMs ?? 2000)) {
                inflight.delete(id);
                lost++;
                sendOne();
              }
            }
          }, 200);
          for (let i = 0; i < window; i++) sendOne();
          setTimeout(() => {
            stopping = true;
            clearInterval(sweep);
            resolve();
          }, opts.durationMs);
        }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  for (const s of sockets) s.close();
  return { sent, answered, ok, lost, perSecond: answered / seconds, okPerSecond: ok / seconds };
}
