/**
 * Stepping through a narrated trace: which step is shown, the virtual time drawn (between two
 * steps while an arrow is animated), play/pause and speed. Protocol-neutral: the FTP, TLS and NAT
 * simulations each hand it their steps; it knows nothing about what the steps mean. Animation is
 * a pure function of (trace, t); with prefers-reduced-motion the player jumps instead of tweening.
 */

/** What the player needs of a step: its virtual time (strictly increasing across steps). */
export interface PlayerStep {
  t: number;
}

/** One row of a simulation's text alternative (TraceTable.svelte). */
export interface TraceRow {
  /** Stable key: the event's index in its trace. */
  index: number;
  /** Virtual time, formatted ("120 ms"). */
  time: string;
  /** Virtual time, to compare with the player's t. */
  t: number;
  who: string;
  what: string;
  detail: string;
}

/** Real time an arrow takes to cross the screen when stepping at 1×. */
export const PLAYER_TWEEN_MS = 700;
/** Pause on each step while playing at 1×, so the caption can be read. */
export const PLAYER_DWELL_MS = 1600;
/** Playback speeds offered. */
export const PLAYER_SPEEDS = [0.5, 1, 2, 4] as const;

interface Tween {
  from: number;
  to: number;
  start: number;
  duration: number;
}

export class StepPlayer {
  stepIndex = $state(0);
  /** Virtual time shown. */
  t = $state(0);
  playing = $state(false);
  speed = $state(1);
  reducedMotion = $state(false);
  /** Set by the first user action. */
  touched = $state(false);
  private tween = $state.raw<Tween | null>(null);
  private nextAt = 0;
  private readonly getSteps: () => readonly PlayerStep[];

  /** `steps` is read on every use, so a player follows a `$derived` list of steps. */
  constructor(steps: () => readonly PlayerStep[]) {
    this.getSteps = steps;
  }

  get steps(): readonly PlayerStep[] {
    return this.getSteps();
  }
  get lastIndex(): number {
    return Math.max(0, this.steps.length - 1);
  }
  /** True while something moves, so the component runs animation frames only then. */
  get busy(): boolean {
    return this.tween !== null || this.playing;
  }

  /** Shows step `i` at once (clamped). */
  jump(i: number): void {
    const k = Math.max(0, Math.min(Number.isFinite(i) ? Math.trunc(i) : 0, this.lastIndex));
    this.tween = null;
    this.stepIndex = k;
    this.t = this.steps[k]?.t ?? 0;
  }

  /** Back to the first step, stopped (after the steps were replaced). */
  reset(): void {
    this.playing = false;
    this.jump(0);
  }

  private goTo(i: number, now: number): void {
    const k = Math.max(0, Math.min(i, this.lastIndex));
    if (k === this.stepIndex + 1 && !this.reducedMotion && now > 0) {
      this.tween = { from: this.t, to: this.steps[k]!.t, start: now, duration: PLAYER_TWEEN_MS / this.speed };
      this.stepIndex = k;
    } else this.jump(k);
  }

  next(now = 0): void {
    this.touched = true;
    if (this.tween !== null) this.jump(this.stepIndex); // a second press finishes the move at once
    else this.goTo(this.stepIndex + 1, now);
  }
  prev(): void {
    this.touched = true;
    this.jump(this.stepIndex - 1);
  }
  first(): void {
    this.touched = true;
    this.playing = false;
    this.jump(0);
  }
  last(): void {
    this.touched = true;
    this.playing = false;
    this.jump(this.lastIndex);
  }
  toggle(now = 0): void {
    this.touched = true;
    if (this.playing) {
      this.playing = false;
      return;
    }
    if (this.stepIndex >= this.lastIndex) this.jump(0);
    this.playing = true;
    this.nextAt = now;
  }

  faster(): void {
    const i = PLAYER_SPEEDS.indexOf(this.speed as (typeof PLAYER_SPEEDS)[number]);
    this.speed = PLAYER_SPEEDS[Math.min(PLAYER_SPEEDS.length - 1, i + 1)]!;
  }
  slower(): void {
    const i = PLAYER_SPEEDS.indexOf(this.speed as (typeof PLAYER_SPEEDS)[number]);
    this.speed = PLAYER_SPEEDS[Math.max(0, i - 1)]!;
  }

  /** Advances the animation to real time `now` (ms, from requestAnimationFrame). */
  tick(now: number): void {
    const tw = this.tween;
    if (tw !== null) {
      const f = tw.duration <= 0 ? 1 : (now - tw.start) / tw.duration;
      if (f >= 1) {
        this.t = tw.to;
        this.tween = null;
        this.nextAt = now + PLAYER_DWELL_MS / this.speed;
      } else this.t = tw.from + (tw.to - tw.from) * Math.max(0, f);
      return;
    }
    if (!this.playing || now < this.nextAt) return;
    if (this.stepIndex >= this.lastIndex) {
      this.playing = false;
      return;
    }
    this.goTo(this.stepIndex + 1, now);
    if (this.tween === null) this.nextAt = now + PLAYER_DWELL_MS / this.speed;
  }
}
