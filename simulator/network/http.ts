// A tiny HTTP server harness for the protocol fakes (GenieACS NBI, NetBox REST).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeServer = { url: string; port: number; close(): Promise<void> };

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  reason?: string,
) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const all = { "content-type": "application/json", ...headers };
  // Without a reason of its own, the status line carries the standard one ("201 Created").
  if (reason === undefined) res.writeHead(status, all);
  else res.writeHead(status, reason, all);
  res.end(text);
}

/** Starts `handler` on 127.0.0.1:`port` (0 = a free port). Hung requests are cut on close. */
export async function startHttp(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void,
  port = 0,
): Promise<FakeServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    Promise.resolve(handler(req, res, url)).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (error as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a fake does when a timeout fault is armed: never answer (the client's deadline fires). */
export function hang(res: ServerResponse) {
  const timer = setTimeout(() => res.destroy(), 120_000);
  timer.unref();
  res.on("close", () => clearTimeout(timer));
}
