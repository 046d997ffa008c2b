// A simulated BNG (broadband network gateway) that plays a NAS towards FreeRADIUS:
// - its CPEs dial in (PPPoE/IPoE): Access-Request with PAP, then Accounting-Start; connected
//   sessions send Interim-Updates with growing counters; hang-ups send Accounting-Stop;
//   CPEs that are not connected re-dial every `redialMs` (like a real CPE after a reject);
// - it answers RFC 5176 CoA-Request (applies the new rate to the session) and
//   Disconnect-Request (ends the session, Accounting-Stop with Admin-Reset) on its DAE port;
// - faults: answer every DAE request with a NAK (Error-Cause) or not at all (timeout).
// Packets are built and verified by radius/wire.ts.
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { EventEmitter } from "node:events";
import {
  type Attribute,
  decode,
  encodeRequest,
  encodeResponse,
  verifyRequest,
  verifyResponse,
  vsa,
} from "../../radius/wire";

export type BngOptions = {
  /** FreeRADIUS address and ports. */
  radiusHost?: string;
  authPort: number;
  acctPort: number;
  /** Shared secret (the `nas` row's secret). */
  secret: string;
  /** Our address: the source of our RADIUS packets (NAS-IP-Address) and of the DAE listener. */
  nasIp?: string;
  /** DAE (CoA/Disconnect) port; 0 = random. */
  daePort?: number;
  /** How the NAS reads rate attributes: mikrotik, cisco, juniper, huawei, other. */
  vendor?: string;
  /** Interim-Update period of connected sessions (0 = only on demand). */
  interimMs?: number;
  /** Re-dial period of CPEs that are not connected (0 = only on demand). */
  redialMs?: number;
  timeoutMs?: number;
  retries?: number;
};

export type Session = {
  acctSessionId: string;
  username: string;
  callingStationId: string;
  framedIp: string;
  nasPort: number;
  startedAt: Date;
  /** The rate the BNG enforces, as the vendor attribute said (e.g. "20M/100M"). */
  rate: string | null;
  replyAttributes: Record<string, unknown>;
  inputOctets: number;
  outputOctets: number;
  coaCount: number;
};

export type Cpe = { username: string; password: string; mac: string; autoDial: boolean };

export type DialResult =
  | { accepted: true; session: Session; reply: Record<string, unknown> }
  | { accepted: false; reason: string; reply: Record<string, unknown> };

/**
 * A DAE fault: NAK (with an Error-Cause) or no answer. `only` limits it to one kind of request,
 * as a BNG that refuses CoA (e.g. 501 Administratively-Prohibited) still honours a Disconnect.
 */
export type DaeFault =
  | { mode: "nak"; errorCause?: number; only?: "CoA" | "Disconnect" }
  | { mode: "timeout"; only?: "CoA" | "Disconnect" }
  | null;

export type DaeEvent = {
  at: Date;
  code: string;
  username: string | null;
  acctSessionId: string | null;
  answer: string;
  errorCause?: number;
  rate?: string | null;
};

function rateFrom(attrs: Record<string, unknown>, vendor: string): string | null {
  const vsas = (attrs["Vendor-Specific"] ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (v === undefined || v === null ? null : Array.isArray(v) ? v.join(",") : String(v));
  switch (vendor) {
    case "mikrotik":
      return s(vsas["Mikrotik-Rate-Limit"]);
    case "cisco":
      return s(vsas["Cisco-AVPair"]);
    case "juniper":
      return s(vsas["ERX-Service-Activate"]) ?? s(vsas["ERX-Qos-Profile-Name"]);
    case "huawei": {
      const up = vsas["Huawei-Input-Average-Rate"];
      const down = vsas["Huawei-Output-Average-Rate"];
      return up !== undefined && down !== undefined ? `${up}/${down}` : null;
    }
    default:
      return s(attrs["Filter-Id"]);
  }
}

type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void; request: Buffer };

export class BngSimulator extends EventEmitter {
  readonly sessions = new Map<string, Session>();
  readonly cpes = new Map<string, Cpe>();
  readonly daeLog: DaeEvent[] = [];
  fault: DaeFault = null;
  daePort = 0;
  private client?: dgram.Socket;
  private dae?: dgram.Socket;
  private nextId = 0;
  private pending = new Map<number, Pending>();
  private timers: NodeJS.Timeout[] = [];
  private nextPort = 1;
  private dialing = new Set<string>();
  readonly opts: Required<BngOptions>;

  constructor(opts: BngOptions) {
    super();
    this.opts = {
      radiusHost: "127.0.0.1",
      nasIp: "127.0.0.1",
      daePort: 0,
      vendor: "mikrotik",
      interimMs: 0,
      redialMs: 0,
      timeoutMs: 3000,
      retries: 2,
      ...opts,
    };
  }

  async start() {
    this.client = dgram.createSocket("udp4");
    this.client.on("message", (msg) => this.onReply(msg));
    await new Promise<void>((resolve, reject) => {
      this.client?.once("error", reject);
      this.client?.bind(0, this.opts.nasIp, () => resolve());
    });
    this.dae = dgram.createSocket("udp4");
    this.dae.on("message", (msg, rinfo) => {
      this.onDae(msg, rinfo).catch((error) => this.emit("error", error));
    });
    await new Promise<void>((resolve, reject) => {
      this.dae?.once("error", reject);
      this.dae?.bind(this.opts.daePort, this.opts.nasIp, () => resolve());
    });
    this.daePort = this.dae.address().port;
    if (this.opts.interimMs > 0)
      this.timers.push(setInterval(() => void this.interimAll().catch(() => {}), this.opts.interimMs));
    if (this.opts.redialMs > 0)
      this.timers.push(setInterval(() => void this.redialAll().catch(() => {}), this.opts.redialMs));
    return this;
  }

  async stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const p of this.pending.values()) p.reject(new Error("BNG stopped"));
    this.pending.clear();
    await Promise.all([
      new Promise<void>((r) => (this.client ? this.client.close(() => r()) : r())),
      new Promise<void>((r) => (this.dae ? this.dae.close(() => r()) : r())),
    ]);
  }

  // ------------------------------------------------------------------ RADIUS client side
  private onReply(msg: Buffer) {
    const p = this.pending.get(msg[1]);
    if (!p) return;
    const check = verifyResponse(msg, p.request, this.opts.secret);
    if (!check.ok) return; // a forged or mis-keyed answer is dropped, as a NAS would
    this.pending.delete(msg[1]);
    p.resolve(msg);
  }

  private allocateId(): number {
    for (let i = 0; i < 256; i++) {
      const id = (this.nextId + i) % 256;
      if (!this.pending.has(id)) {
        this.nextId = (id + 1) % 256;
        return id;
      }
    }
    throw new Error("256 requests outstanding");
  }

  private async request(
    code: "Access-Request" | "Accounting-Request",
    attributes: Attribute[],
  ): Promise<{ code: string; attributes: Record<string, unknown> }> {
    const id = this.allocateId();
    const port = code === "Access-Request" ? this.opts.authPort : this.opts.acctPort;
    const packet = encodeRequest({ code, identifier: id, attributes, secret: this.opts.secret });
    const answer = await new Promise<Buffer>((resolve, reject) => {
      let tries = 0;
      let timer: NodeJS.Timeout;
      const send = () => {
        if (tries++ > this.opts.retries) {
          this.pending.delete(id);
          reject(new Error(`${code} to ${this.opts.radiusHost}:${port}: no answer (timeout)`));
          return;
        }
        this.client?.send(packet, port, this.opts.radiusHost);
        timer = setTimeout(send, this.opts.timeoutMs);
      };
      this.pending.set(id, {
        request: packet,
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      send();
    });
    const d = decode(answer, this.opts.secret);
    return { code: d.code, attributes: d.attributes };
  }

  private nasAttributes(): Attribute[] {
    return [
      ["NAS-IP-Address", this.opts.nasIp],
      ["NAS-Identifier", `bng-sim-${this.opts.nasIp}`],
    ];
  }

  /** Registers a CPE (its configured credentials); with autoDial it re-dials while disconnected. */
  addCpe(cpe: { username: string; password: string; mac?: string; autoDial?: boolean }) {
    const mac = cpe.mac ?? randomBytes(6).toString("hex").toUpperCase().match(/../g)!.join(":");
    const entry: Cpe = { username: cpe.username, password: cpe.password, mac, autoDial: cpe.autoDial ?? true };
    this.cpes.set(cpe.username, entry);
    return entry;
  }

  sessionOf(username: string) {
    return [...this.sessions.values()].find((s) => s.username === username) ?? null;
  }

  /** One dial attempt: Access-Request, and on Accept an Accounting-Start. */
  async dial(username: string, password?: string, opts: { mac?: string } = {}): Promise<DialResult> {
    const cpe = this.cpes.get(username);
    const pw = password ?? cpe?.password ?? "";
    const mac = opts.mac ?? cpe?.mac ?? "02:00:00:00:00:01";
    const nasPort = this.nextPort++;
    const reply = await this.request("Access-Request", [
      ["User-Name", username],
      ["User-Password", pw],
      ...this.nasAttributes(),
      ["NAS-Port", nasPort],
      ["NAS-Port-Type", "Ethernet"],
      ["Service-Type", "Framed-User"],
      ["Framed-Protocol", "PPP"],
      ["Calling-Station-Id", mac],
    ]);
    if (reply.code !== "Access-Accept") {
      const message = reply.attributes["Reply-Message"];
      this.emit("reject", { username, message });
      return {
        accepted: false,
        reason: typeof message === "string" ? message : "Access-Reject",
        reply: reply.attributes,
      };
    }
    const framed = reply.attributes["Framed-IP-Address"];
    const session: Session = {
      acctSessionId: randomBytes(8).toString("hex").toUpperCase(),
      username,
      callingStationId: mac,
      framedIp: typeof framed === "string" ? framed : `100.64.${(nasPort >> 8) & 255}.${nasPort & 255}`,
      nasPort,
      startedAt: new Date(),
      rate: rateFrom(reply.attributes, this.opts.vendor),
      replyAttributes: reply.attributes,
      inputOctets: 0,
      outputOctets: 0,
      coaCount: 0,
    };
    this.sessions.set(session.acctSessionId, session);
    await this.accounting(session, "Start");
    this.emit("session-start", session);
    return { accepted: true, session, reply: reply.attributes };
  }

  private async accounting(s: Session, type: "Start" | "Interim-Update" | "Stop", cause?: string) {
    const seconds = Math.round((Date.now() - s.startedAt.getTime()) / 1000);
    const attrs: Attribute[] = [
      ["Acct-Status-Type", type],
      ["Acct-Session-Id", s.acctSessionId],
      ["User-Name", s.username],
      ...this.nasAttributes(),
      ["NAS-Port", s.nasPort],
      ["NAS-Port-Type", "Ethernet"],
      ["Service-Type", "Framed-User"],
      ["Framed-Protocol", "PPP"],
      ["Framed-IP-Address", s.framedIp],
      ["Calling-Station-Id", s.callingStationId],
      ["Acct-Authentic", "RADIUS"],
    ];
    if (type !== "Start") {
      attrs.push(
        ["Acct-Session-Time", seconds],
        ["Acct-Input-Octets", s.inputOctets % 2 ** 32],
        ["Acct-Input-Gigawords", Math.floor(s.inputOctets / 2 ** 32)],
        ["Acct-Output-Octets", s.outputOctets % 2 ** 32],
        ["Acct-Output-Gigawords", Math.floor(s.outputOctets / 2 ** 32)],
      );
    }
    if (type === "Stop") attrs.push(["Acct-Terminate-Cause", cause ?? "User-Request"]);
    const reply = await this.request("Accounting-Request", attrs);
    if (reply.code !== "Accounting-Response") throw new Error(`unexpected ${reply.code} to Accounting-${type}`);
  }

  /** Adds traffic to a session and sends an Interim-Update. */
  async interim(acctSessionId: string, traffic: { inputOctets?: number; outputOctets?: number } = {}) {
    const s = this.sessions.get(acctSessionId);
    if (!s) throw new Error(`no session ${acctSessionId}`);
    s.inputOctets += traffic.inputOctets ?? Math.floor(Math.random() * 5_000_000);
    s.outputOctets += traffic.outputOctets ?? Math.floor(Math.random() * 50_000_000);
    await this.accounting(s, "Interim-Update");
  }

  async interimAll() {
    for (const s of [...this.sessions.values()]) await this.interim(s.acctSessionId).catch(() => {});
  }

  /** Ends a session from the BNG side (hang-up, idle timeout, …). */
  async hangup(acctSessionId: string, cause = "User-Request") {
    const s = this.sessions.get(acctSessionId);
    if (!s) return false;
    this.sessions.delete(acctSessionId);
    await this.accounting(s, "Stop", cause);
    this.emit("session-stop", { session: s, cause });
    return true;
  }

  /** Dials every auto-dial CPE that has no session. */
  async redialAll() {
    for (const cpe of this.cpes.values()) {
      if (!cpe.autoDial || this.sessionOf(cpe.username) || this.dialing.has(cpe.username)) continue;
      this.dialing.add(cpe.username);
      try {
        await this.dial(cpe.username).catch(() => {});
      } finally {
        this.dialing.delete(cpe.username);
      }
    }
  }

  /** Accounting-On/Off: the NAS (re)booted; FreeRADIUS closes every open session of this NAS. */
  async accountingOnOff(type: "Accounting-On" | "Accounting-Off") {
    this.sessions.clear();
    await this.request("Accounting-Request", [
      ["Acct-Status-Type", type],
      ...this.nasAttributes(),
      ["Acct-Session-Id", randomBytes(4).toString("hex")],
    ]);
  }

  // ------------------------------------------------------------------ DAE server side
  private findSession(attrs: Record<string, unknown>): Session | null {
    const id = attrs["Acct-Session-Id"];
    if (typeof id === "string") return this.sessions.get(id) ?? null;
    const user = attrs["User-Name"];
    const ip = attrs["Framed-IP-Address"];
    return (
      [...this.sessions.values()].find(
        (s) => (typeof user !== "string" || s.username === user) && (typeof ip !== "string" || s.framedIp === ip),
      ) ?? null
    );
  }

  private async onDae(msg: Buffer, rinfo: dgram.RemoteInfo) {
    const code = msg[0];
    if (code !== 40 && code !== 43) return;
    const check = verifyRequest(msg, this.opts.secret);
    if (!check.ok) {
      // RFC 5176: silently discard requests that fail authentication.
      this.daeLog.push({
        at: new Date(),
        code: code === 43 ? "CoA-Request" : "Disconnect-Request",
        username: null,
        acctSessionId: null,
        answer: `dropped: ${check.reason}`,
      });
      return;
    }
    const d = decode(msg, this.opts.secret);
    const isCoa = d.code === "CoA-Request";
    const event: DaeEvent = {
      at: new Date(),
      code: d.code,
      username: typeof d.attributes["User-Name"] === "string" ? d.attributes["User-Name"] : null,
      acctSessionId: typeof d.attributes["Acct-Session-Id"] === "string" ? d.attributes["Acct-Session-Id"] : null,
      answer: "",
    };
    const reply = (answer: "CoA-ACK" | "CoA-NAK" | "Disconnect-ACK" | "Disconnect-NAK", errorCause?: number) => {
      const attributes: Attribute[] = errorCause ? [["Error-Cause", errorCause]] : [];
      const packet = encodeResponse({ code: answer, request: msg, attributes, secret: this.opts.secret });
      this.dae?.send(packet, rinfo.port, rinfo.address);
      event.answer = answer;
      event.errorCause = errorCause;
      this.daeLog.push(event);
      this.emit("dae", event);
    };
    const fault =
      this.fault && (!this.fault.only || this.fault.only === (isCoa ? "CoA" : "Disconnect")) ? this.fault : null;
    if (fault?.mode === "timeout") {
      event.answer = "no answer (timeout fault)";
      this.daeLog.push(event);
      return;
    }
    if (fault?.mode === "nak") {
      reply(isCoa ? "CoA-NAK" : "Disconnect-NAK", fault.errorCause ?? 506);
      return;
    }
    const session = this.findSession(d.attributes);
    if (!session) {
      reply(isCoa ? "CoA-NAK" : "Disconnect-NAK", 503);
      return;
    }
    if (isCoa) {
      const rate = rateFrom(d.attributes, this.opts.vendor);
      if (!rate) {
        reply("CoA-NAK", 402); // nothing we know how to apply
        return;
      }
      session.rate = rate;
      session.coaCount++;
      event.rate = rate;
      reply("CoA-ACK");
      this.emit("coa", session);
      return;
    }
    reply("Disconnect-ACK");
    await this.hangup(session.acctSessionId, "Admin-Reset");
  }
}

export { vsa };
