import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertAllowedDestination,
  guardedFetch,
  isAllowedAddress,
  OutboundRefused,
  parseAllowlist,
} from "./outbound-http";

let server: http.Server;
let port: number;
const none = parseAllowlist("");
const loopback = parseAllowlist("127.0.0.0/8, ::1");

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("secret internal body");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("outbound HTTP guard", () => {
  it("refuses loopback, private, link-local, CGNAT and mapped addresses; allows public ones", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "fe80::1",
      "fd00::5",
      "::ffff:127.0.0.1",
      "0.0.0.0",
    ])
      expect(isAllowedAddress(address, address, none), address).toBe(false);
    for (const address of ["93.184.216.34", "2606:4700::1111", "8.8.8.8"])
      expect(isAllowedAddress(address, address, none), address).toBe(true);
  });

  it("refuses a literal loopback address before connecting", async () => {
    await expect(guardedFetch(`http://127.0.0.1:${port}/`, { allowlist: none })).rejects.toBeInstanceOf(
      OutboundRefused,
    );
  });

  it("refuses a name that resolves to loopback, at connect time", async () => {
    await expect(guardedFetch(`http://localhost:${port}/`, { allowlist: none })).rejects.toThrow(/private or reserved/);
    await expect(assertAllowedDestination("localhost", none)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it("refuses other schemes and credentials in the address", async () => {
    await expect(guardedFetch("file:///etc/passwd", { allowlist: loopback })).rejects.toThrow(/http and https/);
    await expect(guardedFetch(`http://u:p@127.0.0.1:${port}/`, { allowlist: loopback })).rejects.toThrow(/credentials/);
  });

  it("reaches an allow-listed range, and never follows a redirect", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${port}/`, { allowlist: loopback });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("secret internal body");
    await expect(guardedFetch(`http://127.0.0.1:${port}/redirect`, { allowlist: loopback })).rejects.toThrow(
      /redirect \(HTTP 302\)/,
    );
  });

  it("allows a host name the operator listed", async () => {
    const res = await guardedFetch(`http://localhost:${port}/`, { allowlist: parseAllowlist("localhost") });
    expect(res.status).toBe(200);
  });
});
