// What the BNG simulator does in `npm run demo` beyond keeping its CPEs online: every session
// reports realistic traffic in its Interim-Updates, and now and then something goes wrong the
// way it does on a real access network, so the NOC's pages show live, true data:
//   - a CPE loses its line (Accounting-Stop Lost-Carrier) and dials again a minute or so later;
//   - a router is reset to a stale password: its dial attempts are rejected (the auth log, the
//     reject rate) until the right password is back;
//   - rarely, the BNG reboots: Accounting-On closes all its sessions and every CPE dials again.
import type { BngSimulator } from "./bng";

/** Share of the busiest hour's traffic in each local hour (residential FTTH: trough around
 * 4–5 am, peak 8–10 pm). */
const DIURNAL = [
  0.55, 0.4, 0.28, 0.2, 0.16, 0.16, 0.22, 0.35, 0.45, 0.5, 0.55, 0.6, 0.62, 0.62, 0.64, 0.68, 0.74, 0.8, 0.86, 0.93,
  0.98, 1, 0.92, 0.75,
];
/** Mean download of a home line in the busiest hour (≈ 400 GB a month over the whole day). */
const PEAK_MEAN_DOWN_BPS = 2_500_000;

/** "rx/tx" of a MikroTik rate limit ("20M/100M", "200M/1G 300M/1200M …" with bursts): rx is what
 * the BNG receives (the upload). */
export function parseRate(rate: string | null): { upBps: number; downBps: number } | null {
  const m = rate?.match(/^\s*(\d+(?:\.\d+)?)([kKMG]?)\/(\d+(?:\.\d+)?)([kKMG]?)(?:\s|$)/);
  if (!m) return null;
  const bps = (n: string, unit: string) => Number(n) * ({ k: 1e3, K: 1e3, M: 1e6, G: 1e9 }[unit] ?? 1);
  return { upBps: bps(m[1], m[2]), downBps: bps(m[3], m[4]) };
}

/**
 * Octets one session moves in `seconds` at local `hour`: the diurnal mean with heavy-tailed
 * noise (most intervals are light, some are a film or a backup), capped at the plan's rate;
 * upload about a tenth of the download.
 */
export function demoTraffic(rate: string | null, seconds: number, hour: number, random: () => number = Math.random) {
  const plan = parseRate(rate) ?? { upBps: 20e6, downBps: 100e6 };
  // Log-normal with mean 1 (σ = 1).
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const noise = Math.exp(gaussian - 0.5);
  const downBps = Math.min(plan.downBps, PEAK_MEAN_DOWN_BPS * DIURNAL[((hour % 24) + 24) % 24] * noise);
  const upBps = Math.min(plan.upBps, downBps * (0.06 + 0.1 * random()));
  return { inputOctets: Math.round((upBps * seconds) / 8), outputOctets: Math.round((downBps * seconds) / 8) };
}

export type DemoActivityOptions = {
  /** Interim-Update period of every session. */
  interimMs: number;
  /** Mean time between faults (0 = none). */
  faultEveryMs: number;
  log: (line: string) => void;
  random?: () => number;
};

export class DemoActivity {
  private timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;

  constructor(
    private readonly bng: BngSimulator,
    private readonly opts: DemoActivityOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  start() {
    const interim = setInterval(() => void this.reportTraffic(), this.opts.interimMs);
    this.timers.add(interim);
    if (this.opts.faultEveryMs > 0) this.scheduleFault();
    return this;
  }

  stop() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, work: () => Promise<void> | void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      Promise.resolve(work()).catch((error: Error) => this.opts.log(`demo activity: ${error.message}`));
    }, ms);
    this.timers.add(t);
  }

  private async reportTraffic() {
    const hour = new Date().getHours();
    const seconds = this.opts.interimMs / 1000;
    for (const s of [...this.bng.sessions.values()])
      await this.bng.interim(s.acctSessionId, demoTraffic(s.rate, seconds, hour, this.random)).catch(() => {});
  }

  /** The next fault after an exponentially distributed pause (faults arrive independently). */
  private scheduleFault() {
    const pause = -Math.log(1 - this.random()) * this.opts.faultEveryMs;
    this.later(pause, async () => {
      await this.fault();
      this.scheduleFault();
    });
  }

  private pick<T>(items: T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  async fault() {
    const roll = this.random();
    const sessions = [...this.bng.sessions.values()];
    if (roll < 0.1) {
      this.opts.log("fault: the BNG reboots (Accounting-On); every CPE dials again");
      await this.bng.accountingOnOff("Accounting-On");
      return;
    }
    const session = this.pick(sessions);
    const cpe = session && this.bng.cpes.get(session.username);
    if (!session || !cpe) return;
    if (roll < 0.65) {
      const downMs = 30_000 + this.random() * 90_000;
      this.opts.log(`fault: ${cpe.username} loses its line for ${Math.round(downMs / 1000)} s`);
      cpe.autoDial = false;
      await this.bng.hangup(session.acctSessionId, "Lost-Carrier");
      this.later(downMs, () => {
        cpe.autoDial = true;
      });
      return;
    }
    const wrongMs = 60_000 + this.random() * 120_000;
    const password = cpe.password;
    this.opts.log(`fault: ${cpe.username}'s router was reset to an old password for ${Math.round(wrongMs / 1000)} s`);
    cpe.password = `${password}-old`;
    await this.bng.hangup(session.acctSessionId, "Port-Reinit");
    this.later(wrongMs, () => {
      cpe.password = password;
    });
  }
}
