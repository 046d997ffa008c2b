// A fake authoritative DNS server for tests and the e2e app: it answers queries over UDP in the
// wire format of RFC 1035 (TXT records from a zone held in memory; NXDOMAIN for names it does
// not hold), so the platform's real resolver (server/adapters/dns/system.ts, DNS_SERVERS) asks it
// exactly as it asks a real server. Records are published over HTTP, as at a DNS provider:
//
//   const dns = await startFakeDns();
//   new SystemDnsResolver(dns.server)              // "127.0.0.1:<port>"
//   await fetch(`${dns.url}/records`, { method: "POST", body: JSON.stringify({ type: "TXT", name, value }) });
//   dns.publish(name, value)                        // the same, in process
//   await dns.close();
import dgram from "node:dgram";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeDns = {
  /** The DNS server as DNS_SERVERS takes it: "127.0.0.1:<udp port>". */
  server: string;
  /** The HTTP API that publishes records (POST /records {type:"TXT", name, value}). */
  url: string;
  /** TXT records by lower-case name. */
  txt: Map<string, string[]>;
  publish(name: string, value: string): void;
  close(): Promise<void>;
};

const TYPE_TXT = 16;
const CLASS_IN = 1;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_NOTIMP = 4;

/** The question of a query: its name, type, class and where the question section ends. */
function readQuestion(query: Buffer): { name: string; type: number; qclass: number; end: number } | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const length = query[at];
    if (length === undefined || length > 63) return null; // compression has no place in a question
    at += 1;
    if (length === 0) break;
    labels.push(query.toString("latin1", at, at + length));
    at += length;
  }
  if (at + 4 > query.length) return null;
  return {
    name: labels.join(".").toLowerCase(),
    type: query.readUInt16BE(at),
    qclass: query.readUInt16BE(at + 2),
    end: at + 4,
  };
}

/** A TXT record's data: the value as character-strings of at most 255 bytes. */
function txtData(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  const parts: Buffer[] = [];
  for (let i = 0; i === 0 || i < bytes.length; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
  }
  return Buffer.concat(parts);
}

function answer(query: Buffer, txt: Map<string, string[]>): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  const question = readQuestion(query);
  const opcode = (query.readUInt16BE(2) >> 11) & 0xf;
  // QR (a response) + AA (authoritative) + the client's RD bit + the answer code.
  const flags = (rcode: number) => 0x8000 | 0x0400 | recursionDesired | (opcode << 11) | rcode;
  if (!question || opcode !== 0) {
    header.writeUInt16BE(flags(question ? RCODE_NOTIMP : RCODE_FORMERR), 2);
    return header;
  }
  const records = txt.get(question.name);
  const answers =
    records && question.type === TYPE_TXT && question.qclass === CLASS_IN
      ? records.map((value) => {
          const data = txtData(value);
          const rr = Buffer.alloc(12);
          rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
          rr.writeUInt16BE(TYPE_TXT, 2);
          rr.writeUInt16BE(CLASS_IN, 4);
          rr.writeUInt32BE(60, 6); // TTL
          rr.writeUInt16BE(data.length, 10);
          return Buffer.concat([rr, data]);
        })
      : [];
  header.writeUInt16BE(flags(records ? 0 : RCODE_NXDOMAIN), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, question.end), ...answers]);
}

export async function startFakeDns(opts: { host?: string } = {}): Promise<FakeDns> {
  const host = opts.host ?? "127.0.0.1";
  const txt = new Map<string, string[]>();
  const publish = (name: string, value: string) => {
    const key = name.toLowerCase().replace(/\.$/, "");
    txt.set(key, [...(txt.get(key) ?? []), value]);
  };

  const udp = dgram.createSocket("udp4");
  udp.on("message", (query, peer) => {
    if (query.length >= 12) udp.send(answer(query, txt), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, host, resolve));

  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url !== "/records") return reply(404, { error: "not found" });
    if (req.method === "GET") return reply(200, Object.fromEntries(txt));
    if (req.method !== "POST") return reply(405, { error: "use GET or POST" });
    let record: { type?: string; name?: string; value?: string };
    try {
      record = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(400, { error: "the body is not JSON" });
    }
    if (record.type !== "TXT" || !record.name || typeof record.value !== "string")
      return reply(422, { error: 'send {"type":"TXT","name":…,"value":…}' });
    publish(record.name, record.value);
    return reply(201, { type: "TXT", name: record.name, value: record.value });
  });
  await new Promise<void>((resolve) => http.listen(0, host, resolve));

  return {
    server: `${host}:${(udp.address() as AddressInfo).port}`,
    url: `http://${host}:${(http.address() as AddressInfo).port}`,
    txt,
    publish,
    close: async () => {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
    },
  };
}
