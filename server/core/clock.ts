/** A clock the tests can move: deadlines, lockouts and idle timeouts read time only from here. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private t: number;
  /** starts at the real time, so rows it dates agree with the database's own now() */
  constructor(start: Date | string = new Date()) {
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
