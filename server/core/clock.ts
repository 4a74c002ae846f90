/** A clock the tests can move: deadlines, lockouts and idle timeouts read time only from here. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-23T09:00:00+08:00') {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
  advanceMinutes(m: number) {
    this.advance(m * 60_000);
  }
}
