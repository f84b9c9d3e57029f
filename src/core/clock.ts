/**
 * The clock port: core never calls `new Date()` itself, so tests can pin time.
 */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stuck at `instant` (tests); `advance` moves it forward. */
export function fixedClock(instant: Date | string): Clock & { advance(ms: number): void } {
  let t = new Date(instant).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
