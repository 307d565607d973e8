// The simulated clock. Rate-limit windows, webhook retry back-off and eCom sync delays all read it,
// so tests move time with advance() instead of sleeping. In "real" mode it also follows wall time
// (for the demo), still shifted by whatever advance() added.

export type ClockMode = "manual" | "real";

export class SimulatedClock {
  private offsetMs = 0;
  private readonly realStartedAt: number;

  constructor(
    private readonly startMs: number,
    readonly mode: ClockMode = "manual",
  ) {
    this.realStartedAt = Date.now();
  }

  nowMs(): number {
    const realElapsed = this.mode === "real" ? Date.now() - this.realStartedAt : 0;
    return this.startMs + realElapsed + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
    this.offsetMs += ms;
  }
}
