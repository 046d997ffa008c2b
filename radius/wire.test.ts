// Our RFC 5176 signing against the real FreeRADIUS: radiusd as the CoA receiver (it drops
// requests whose Message-Authenticator or Request Authenticator is wrong), and radclient as
// the sender towards the BNG simulator (it checks our answers' authenticators).
import { execFile } from "node:child_process";
import dgram from "node:dgram";
import { promisify } from "node:util";
import radius from "radius";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDaeRequest } from "@/server/modules/radius";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { BngSimulator } from "@/simulator/bng/bng";
import { freeUdpPort, type RadiusdHandle, startRadiusd } from "./run";
import { decode, encodeRequest, verifyRequest } from "./wire";

const run = promisify(execFile);
let t: TestDatabase;
let radiusd: RadiusdHandle;
let coaPort: number;
const SECRET = "coa-test-secret";

beforeAll(async () => {
  t = await testDatabase();
  await t.prisma.nas.create({ data: { nasname: "127.0.0.1", shortname: "platform", type: "other", secret: SECRET } });
  coaPort = await freeUdpPort();
  radiusd = await startRadiusd({ databaseUrl: t.url, coaPort });
}, 60_000);
afterAll(async () => {
  await radiusd?.stop();
  await t.drop();
});

describe("RFC 5176 signing", () => {
  it("FreeRADIUS acknowledges our CoA-Request and Disconnect-Request (M-A before Request Authenticator)", async () => {
    const attrs: Array<[string, unknown]> = [
      ["User-Name", "someone"],
      ["Acct-Session-Id", "ABC123"],
      ["NAS-IP-Address", "127.0.0.1"],
    ];
    const coa = await sendDaeRequest({
      code: "CoA-Request",
      host: "127.0.0.1",
      port: coaPort,
      secret: SECRET,
      attributes: attrs,
    });
    expect(coa.outcome, radiusd.logText().slice(-2000)).toBe("ACK");
    const dm = await sendDaeRequest({
      code: "Disconnect-Request",
      host: "127.0.0.1",
      port: coaPort,
      secret: SECRET,
      attributes: attrs,
    });
    expect(dm.outcome).toBe("ACK");
    // With the wrong secret FreeRADIUS drops the request: a timeout, not a NAK.
    const wrong = await sendDaeRequest({
      code: "CoA-Request",
      host: "127.0.0.1",
      port: coaPort,
      secret: "not-the-secret",
      attributes: attrs,
      timeoutMs: 300,
      retries: 0,
    });
    expect(wrong.outcome).toBe("TIMEOUT");
  });

  it("the npm radius package alone signs CoA-Requests in the wrong order (FreeRADIUS drops them)", async () => {
    const packet = radius.encode({
      code: "CoA-Request",
      identifier: 7,
      attributes: [["User-Name", "someone"]],
      secret: SECRET,
      add_message_authenticator: true,
    });
    expect(verifyRequest(packet, SECRET).ok).toBe(false);
    const ours = encodeRequest({
      code: "CoA-Request",
      identifier: 7,
      attributes: [["User-Name", "someone"]],
      secret: SECRET,
    });
    expect(verifyRequest(ours, SECRET)).toEqual({ ok: true });
    const answered = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket("udp4");
      const timer = setTimeout(() => {
        s.close();
        resolve(false);
      }, 700);
      s.on("message", () => {
        clearTimeout(timer);
        s.close();
        resolve(true);
      });
      s.send(packet, coaPort, "127.0.0.1");
    });
    expect(answered).toBe(false);
  });

  it("radclient's CoA and Disconnect are verified by the BNG simulator, and radclient accepts its answers", async () => {
    const bng = await new BngSimulator({
      authPort: radiusd.authPort,
      acctPort: radiusd.acctPort,
      secret: SECRET,
    }).start();
    try {
      bng.sessions.set("S1", {
        acctSessionId: "S1",
        username: "ada",
        callingStationId: "02:00:00:00:00:01",
        framedIp: "100.64.0.9",
        nasPort: 1,
        startedAt: new Date(),
        rate: "1M/1M",
        replyAttributes: {},
        inputOctets: 0,
        outputOctets: 0,
        coaCount: 0,
      });
      const coa = await run("sh", [
        "-c",
        `printf 'User-Name = "ada"\\nAcct-Session-Id = "S1"\\nMikrotik-Rate-Limit = "50M/200M"\\nMessage-Authenticator = 0x00\\n' | radclient -r 1 -t 2 -x 127.0.0.1:${bng.daePort} coa ${SECRET}`,
      ]);
      expect(coa.stdout).toMatch(/Received CoA-ACK/);
      expect(bng.sessions.get("S1")?.rate).toBe("50M/200M");
      // Unknown session: NAK with Error-Cause 503.
      const nak = await run("sh", [
        "-c",
        `printf 'Acct-Session-Id = "nope"\\nMessage-Authenticator = 0x00\\n' | radclient -r 1 -t 2 -x 127.0.0.1:${bng.daePort} disconnect ${SECRET} || true`,
      ]);
      expect(nak.stdout).toMatch(/Received Disconnect-NAK/);
      expect(nak.stdout).toMatch(/Session-Context-Not-Found/);
      expect(
        decode(encodeRequest({ code: "Disconnect-Request", identifier: 1, attributes: [], secret: SECRET }), SECRET)
          .code,
      ).toBe("Disconnect-Request");
    } finally {
      await bng.stop();
    }
  });
});
