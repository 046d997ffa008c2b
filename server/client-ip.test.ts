// security #11.9: the client address is taken from X-Forwarded-For only when the connection
// comes from a configured proxy, and then from the right end of the chain.
import { describe, expect, it } from "vitest";
import { clientIp, isTrustedProxy, parseTrustedProxies, resolveClientIp } from "./client-ip";

const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, ::1");

describe("security #11.9: trusted-proxy client address", () => {
  it("ignores X-Forwarded-For from a client that is not one of our proxies", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", "1.2.3.4, 10.0.0.5", proxies)).toBe("203.0.113.9");
    expect(resolveClientIp("203.0.113.9", undefined, parseTrustedProxies(""))).toBe("203.0.113.9");
  });

  it("behind our proxies, takes the nearest address that is not a proxy of ours", () => {
    // The client prepended a forged address; our proxy appended the real one.
    expect(resolveClientIp("192.0.2.7", "6.6.6.6, 198.51.100.20", proxies)).toBe("198.51.100.20");
    expect(resolveClientIp("::ffff:10.1.2.3", "6.6.6.6, 198.51.100.20, 10.0.0.9", proxies)).toBe("198.51.100.20");
    expect(resolveClientIp("::1", "198.51.100.21", proxies)).toBe("198.51.100.21");
  });

  it("believes nothing beyond a malformed entry, and falls back to the proxy with no header", () => {
    expect(resolveClientIp("192.0.2.7", "198.51.100.20, not-an-ip", proxies)).toBe("192.0.2.7");
    expect(resolveClientIp("192.0.2.7", undefined, proxies)).toBe("192.0.2.7");
    expect(resolveClientIp("192.0.2.7", "10.0.0.1, 10.0.0.2", proxies)).toBe("10.0.0.1");
  });

  it("parses TRUSTED_PROXIES strictly and matches mapped IPv4 peers", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/not an address/);
    expect(isTrustedProxy("::ffff:10.9.9.9", proxies)).toBe(true);
    expect(isTrustedProxy("11.0.0.1", proxies)).toBe(false);
  });

  it("the app reads only the header the server wrote (X-Real-IP is not believed)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.20", "x-real-ip": "6.6.6.6" }))).toBe("198.51.100.20");
    expect(clientIp(new Headers({ "x-real-ip": "6.6.6.6" }))).toBeNull();
  });
});
