// RFC 5176 Dynamic Authorization client: sends a CoA-Request or Disconnect-Request to a NAS
// and reports ACK, NAK (with Error-Cause) or timeout. Packets are built and checked by
// radius/wire.ts (Message-Authenticator before Request Authenticator).
import dgram from "node:dgram";
import { type Attribute, decode, ERROR_CAUSES, encodeRequest, randomIdentifier, verifyResponse } from "@/radius/wire";

export type DaeOutcome = "ACK" | "NAK" | "TIMEOUT" | "ERROR";

export type DaeResult = {
  outcome: DaeOutcome;
  errorCause: number | null;
  errorCauseName: string | null;
  replyMessage: string | null;
  /** Readable one-liner for the operator. */
  message: string;
  rttMs: number;
};

export async function sendDaeRequest(args: {
  code: "CoA-Request" | "Disconnect-Request";
  host: string;
  port: number;
  secret: string;
  attributes: Attribute[];
  timeoutMs?: number;
  retries?: number;
}): Promise<DaeResult> {
  const timeoutMs = args.timeoutMs ?? 2000;
  const attempts = (args.retries ?? 1) + 1;
  const identifier = randomIdentifier();
  const request = encodeRequest({ code: args.code, identifier, attributes: args.attributes, secret: args.secret });
  const kind = args.code === "CoA-Request" ? "CoA" : "Disconnect";
  const started = Date.now();
  const socket = dgram.createSocket(args.host.includes(":") ? "udp6" : "udp4");
  try {
    return await new Promise<DaeResult>((resolve) => {
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: Omit<DaeResult, "rttMs">) => {
        clearTimeout(timer);
        resolve({ ...r, rttMs: Date.now() - started });
      };
      const send = () => {
        if (sent >= attempts) {
          finish({
            outcome: "TIMEOUT",
            errorCause: null,
            errorCauseName: null,
            replyMessage: null,
            message: `${kind} timed out: no answer from ${args.host}:${args.port} after ${attempts} attempt(s) of ${timeoutMs} ms`,
          });
          return;
        }
        sent++;
        socket.send(request, args.port, args.host, (err) => {
          if (err)
            finish({
              outcome: "ERROR",
              errorCause: null,
              errorCauseName: null,
              replyMessage: null,
              message: `${kind} could not be sent to ${args.host}:${args.port}: ${err.message}`,
            });
        });
        timer = setTimeout(send, timeoutMs);
      };
      socket.on("message", (msg) => {
        if (msg.length < 20 || msg[1] !== identifier) return;
        const check = verifyResponse(msg, request, args.secret);
        if (!check.ok) {
          finish({
            outcome: "ERROR",
            errorCause: null,
            errorCauseName: null,
            replyMessage: null,
            message: `${kind} answer from ${args.host} was rejected: ${check.reason}`,
          });
          return;
        }
        const d = decode(msg, args.secret);
        const cause = typeof d.attributes["Error-Cause"] === "number" ? (d.attributes["Error-Cause"] as number) : null;
        const causeFromName =
          typeof d.attributes["Error-Cause"] === "string"
            ? Number(Object.entries(ERROR_CAUSES).find(([, n]) => n === d.attributes["Error-Cause"])?.[0] ?? 0) || null
            : null;
        const errorCause = cause ?? causeFromName;
        const errorCauseName = errorCause ? (ERROR_CAUSES[errorCause] ?? `Error-Cause ${errorCause}`) : null;
        const replyMessage = typeof d.attributes["Reply-Message"] === "string" ? d.attributes["Reply-Message"] : null;
        const ack = d.code === "CoA-ACK" || d.code === "Disconnect-ACK";
        finish({
          outcome: ack ? "ACK" : "NAK",
          errorCause,
          errorCauseName,
          replyMessage,
          message: ack
            ? `${kind} acknowledged by ${args.host}`
            : `${kind} refused by ${args.host}${errorCauseName ? ` (${errorCause} ${errorCauseName})` : ""}${replyMessage ? `: ${replyMessage}` : ""}`,
        });
      });
      socket.on("error", (err) =>
        finish({
          outcome: "ERROR",
          errorCause: null,
          errorCauseName: null,
          replyMessage: null,
          message: `${kind} socket error: ${err.message}`,
        }),
      );
      send();
    });
  } finally {
    socket.close();
  }
}
