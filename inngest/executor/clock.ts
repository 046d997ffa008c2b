// The executor's clock. Tests move it forward to fire retries, sleeps, scheduled runs and
// expired leases without waiting.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Moves the executor's clock forward (tests only ever move it forward). */
export function advanceClock(ms: number) {
  offsetMs += ms;
}

export function resetClock() {
  offsetMs = 0;
}
