// RADIUS packet encoding for the platform's CoA/Disconnect client and the BNG simulator.
// The npm `radius` package (1.1.4) encodes and decodes attributes (with our dictionary for
// vendor attributes); the authenticators are computed here, because the package computes the
// Message-Authenticator AFTER the Request Authenticator for Accounting/CoA/Disconnect requests
// (RFC 5176 §3.1 / RFC 3579 §3.2 want it over the packet with a zeroed Authenticator field,
// BEFORE the Request Authenticator is computed), so FreeRADIUS drops its requests.
import { createHash, createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import radius from "radius";

// (import.meta.dirname is not set when Next.js bundles this file; the app runs from the repo root.)
const here = import.meta.dirname ?? path.join(process.cwd(), "radius");
radius.add_dictionary(path.join(here, "dictionary", "dictionary.fiberops"));

export const CODES = {
  "Access-Request": 1,
  "Access-Accept": 2,
  "Access-Reject": 3,
  "Accounting-Request": 4,
  "Accounting-Response": 5,
  "Disconnect-Request": 40,
  "Disconnect-ACK": 41,
  "Disconnect-NAK": 42,
  "CoA-Request": 43,
  "CoA-ACK": 44,
  "CoA-NAK": 45,
} as const;
export type PacketCode = keyof typeof CODES;

/** Attribute list as the `radius` package takes it: [name, value] or ["Vendor-Specific", vendorId, [[name, value]]]. */
export type Attribute = [string, unknown] | [string, unknown, unknown];

const MESSAGE_AUTHENTICATOR = 80;
const ZERO16 = Buffer.alloc(16);

/** Offset of the Message-Authenticator value in a packet, or -1. */
function messageAuthenticatorOffset(packet: Buffer): number {
  let offset = 20;
  const end = packet.readUInt16BE(2);
  while (offset + 2 <= end) {
    const type = packet[offset];
    const len = packet[offset + 1];
    if (len < 2) return -1;
    if (type === MESSAGE_AUTHENTICATOR && len === 18) return offset + 2;
    offset += len;
  }
  return -1;
}

const md5 = (...parts: Buffer[]) => {
  const h = createHash("md5");
  for (const p of parts) h.update(p);
  return h.digest();
};
const hmac = (secret: string, packet: Buffer) => createHmac("md5", secret).update(packet).digest();

/** Attributes plus a zeroed Message-Authenticator placeholder (encoded by the package). */
function withPlaceholder(attributes: Attribute[], add: boolean): Attribute[] {
  const rest = attributes.filter((a) => a[0] !== "Message-Authenticator");
  return add ? [...rest, ["Message-Authenticator", Buffer.alloc(16)]] : rest;
}

/**
 * Encodes a request. Access-Request: random Request Authenticator (User-Password is hidden
 * with it), M-A over the packet. Accounting/CoA/Disconnect: M-A over the packet with a zero
 * Authenticator, THEN Request Authenticator = MD5(packet with zero authenticator + secret).
 */
export function encodeRequest(args: {
  code: "Access-Request" | "Accounting-Request" | "CoA-Request" | "Disconnect-Request";
  identifier: number;
  attributes: Attribute[];
  secret: string;
  messageAuthenticator?: boolean;
}): Buffer {
  const addMa = args.messageAuthenticator ?? args.code !== "Accounting-Request";
  const packet: Buffer = radius.encode({
    code: args.code,
    identifier: args.identifier,
    attributes: withPlaceholder(args.attributes, addMa),
    secret: args.secret,
    add_message_authenticator: false,
  });
  const maAt = messageAuthenticatorOffset(packet);
  if (args.code === "Access-Request") {
    if (maAt >= 0) hmac(args.secret, packet).copy(packet, maAt);
    return packet;
  }
  ZERO16.copy(packet, 4);
  if (maAt >= 0) {
    ZERO16.copy(packet, maAt);
    hmac(args.secret, packet).copy(packet, maAt);
  }
  md5(packet, Buffer.from(args.secret)).copy(packet, 4);
  return packet;
}

/** Encodes a reply to `request` (its raw bytes): M-A first (with the Request Authenticator in place), then the Response Authenticator. */
export function encodeResponse(args: {
  code: PacketCode;
  request: Buffer;
  attributes?: Attribute[];
  secret: string;
  messageAuthenticator?: boolean;
}): Buffer {
  const requestAuth = args.request.subarray(4, 20);
  const addMa = args.messageAuthenticator ?? messageAuthenticatorOffset(args.request) >= 0;
  const packet: Buffer = radius.encode({
    code: args.code,
    identifier: args.request[1],
    authenticator: Buffer.from(requestAuth),
    attributes: withPlaceholder(args.attributes ?? [], addMa),
    secret: args.secret,
    add_message_authenticator: false,
  });
  Buffer.from(requestAuth).copy(packet, 4);
  const maAt = messageAuthenticatorOffset(packet);
  if (maAt >= 0) {
    ZERO16.copy(packet, maAt);
    hmac(args.secret, packet).copy(packet, maAt);
  }
  md5(packet, Buffer.from(args.secret)).copy(packet, 4);
  return packet;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Verifies a received request (Accounting/CoA/Disconnect authenticator; M-A of any request). */
export function verifyRequest(packet: Buffer, secret: string): VerifyResult {
  const code = packet[0];
  const copy = Buffer.from(packet.subarray(0, packet.readUInt16BE(2)));
  const auth = Buffer.from(copy.subarray(4, 20));
  const maAt = messageAuthenticatorOffset(copy);
  const ma = maAt >= 0 ? Buffer.from(copy.subarray(maAt, maAt + 16)) : null;
  if (code !== CODES["Access-Request"]) {
    ZERO16.copy(copy, 4);
    if (maAt >= 0) ZERO16.copy(copy, maAt);
    const withMa = Buffer.from(copy);
    if (ma) ma.copy(withMa, maAt);
    if (!md5(withMa, Buffer.from(secret)).equals(auth))
      return { ok: false, reason: "Request Authenticator mismatch (wrong shared secret?)" };
    if (ma && !hmac(secret, copy).equals(ma)) return { ok: false, reason: "Message-Authenticator mismatch" };
    return { ok: true };
  }
  if (ma) {
    ZERO16.copy(copy, maAt);
    if (!hmac(secret, copy).equals(ma)) return { ok: false, reason: "Message-Authenticator mismatch" };
  }
  return { ok: true };
}

/** Verifies a reply against the request it answers (Response Authenticator, then M-A). */
export function verifyResponse(response: Buffer, request: Buffer, secret: string): VerifyResult {
  const copy = Buffer.from(response.subarray(0, response.readUInt16BE(2)));
  const auth = Buffer.from(copy.subarray(4, 20));
  request.subarray(4, 20).copy(copy, 4);
  if (!md5(copy, Buffer.from(secret)).equals(auth))
    return { ok: false, reason: "Response Authenticator mismatch (wrong shared secret?)" };
  const maAt = messageAuthenticatorOffset(copy);
  if (maAt >= 0) {
    const ma = Buffer.from(copy.subarray(maAt, maAt + 16));
    ZERO16.copy(copy, maAt);
    if (!hmac(secret, copy).equals(ma)) return { ok: false, reason: "Message-Authenticator mismatch" };
  }
  return { ok: true };
}

export type Decoded = {
  code: string;
  identifier: number;
  attributes: Record<string, unknown> & { "Vendor-Specific"?: Record<string, unknown> };
};

/** Decodes attributes (no authenticator checks: call verifyRequest/verifyResponse). */
export function decode(packet: Buffer, secret: string): Decoded {
  const d = radius.decode_without_secret({ packet, secret });
  return { code: d.code, identifier: d.identifier, attributes: d.attributes };
}

/** Vendor-Specific sub-attribute as the package wants it. */
export function vsa(vendorId: number, name: string, value: unknown): Attribute {
  return ["Vendor-Specific", vendorId, [[name, value]]];
}

export const VENDOR_IDS: Record<string, number> = { Mikrotik: 14988, Cisco: 9, ERX: 4874, Huawei: 2011 };

/** Turns "Mikrotik-Rate-Limit"-style names into VSAs, standard names into plain attributes. */
export function attributeFor(name: string, raw: unknown, tag?: number): Attribute {
  // Rates (Huawei-*-Rate) are integer attributes.
  const value = /-Rate$/.test(name) && /^\d+$/.test(String(raw)) ? Number(raw) : raw;
  const vendor = Object.keys(VENDOR_IDS).find((v) => name.startsWith(`${v}-`));
  if (!vendor) return tag ? [name, tag, value] : [name, value];
  return ["Vendor-Specific", VENDOR_IDS[vendor], [tag ? [name, tag, value] : [name, value]]];
}

export const randomIdentifier = () => randomBytes(1)[0];

export const ERROR_CAUSES: Record<number, string> = {
  201: "Residual-Context-Removed",
  401: "Unsupported-Attribute",
  402: "Missing-Attribute",
  403: "NAS-Identification-Mismatch",
  404: "Invalid-Request",
  405: "Unsupported-Service",
  406: "Unsupported-Extension",
  407: "Invalid-Attribute-Value",
  501: "Administratively-Prohibited",
  502: "Request-Not-Routable",
  503: "Session-Context-Not-Found",
  504: "Session-Context-Not-Removable",
  505: "Other-Proxy-Processing-Error",
  506: "Resources-Unavailable",
  507: "Request-Initiated",
  508: "Multiple-Session-Selection-Unsupported",
};
