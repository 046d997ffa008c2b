// The composition root picks each tenant's SMS sender: its account, the simulator it chose,
// or — in production, with nothing chosen — a sender that fails every message saying why.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { smsSender } from "./compose";

const message = { to: "+4915112345678", body: "Your service is back" };

describe("smsSender", () => {
  beforeEach(() => {
    for (const name of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"]) vi.stubEnv(name, "");
  });
  afterEach(() => vi.unstubAllEnvs());

  it("in production, a tenant that chose nothing is told SMS is not configured", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const sender = smsSender({});
    expect(sender.name).toBe("none");
    expect(await sender.send(message)).toEqual({
      ok: false,
      error: expect.stringContaining("SMS is not configured"),
      retryable: false,
    });
  });

  it("in production, a tenant that chose the simulator gets it", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const sender = smsSender({ sms: { provider: "simulator" } });
    expect(sender.name).toBe("simulated");
    expect(await sender.send(message)).toMatchObject({ ok: true, status: "sent" });
  });

  it("a tenant with an account sends through it, unless it chose the simulator", () => {
    vi.stubEnv("NODE_ENV", "production");
    const account = { accountSid: "AC123", authToken: "secret", from: "+15005550006" };
    expect(smsSender({ sms: account }).name).toBe("twilio");
    expect(smsSender({ sms: { ...account, provider: "simulator" } }).name).toBe("simulated");
  });

  it("outside production, a tenant that chose nothing runs on the simulator", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(smsSender(null).name).toBe("simulated");
  });
});
