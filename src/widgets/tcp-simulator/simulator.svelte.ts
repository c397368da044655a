/**
 * The simulator's state: a scenario, the core's trace of it, the step shown and the animation
 * clock. Everything the widget and the presenter draw is derived from (trace, t); user actions
 * replace the scenario and the core runs again. No TCP rule lives here.
 */
import {
  getPreset,
  narrateTrace,
  PRESETS,
  runScenario,
  sideNames,
  stateAt,
  stepIndexAt,
  type Scenario,
  type ScenarioDrop,
  type ScenarioLink,
  type ScenarioProblem,
  type Side,
  type StepAction,
} from '../../core/sim/index.ts';
import { actionTime, addDrop, addStep, dropRuleFor, hostAction, withLink, withSeed } from './edit.ts';
import { lastTransitions, tcpLadder } from './layout.ts';
import { decodeSimUrl, encodeSimUrl } from './url.ts';

/** Preset used when none (or an unknown one) is named. */
export const DEFAULT_PRESET = 'handshake';

/** Real time a segment takes to cross the screen when stepping at 1×: long enough to follow, short enough not to wait. */
export const TWEEN_MS = 700;
/** Pause on each step while playing at 1×, so the caption can be read. */
export const DWELL_MS = 1600;
/** Playback speeds offered (the + and − keys move along this list). */
export const SPEEDS = [0.5, 1, 2, 4] as const;

interface Tween {
  from: number;
  to: number;
  start: number;
  duration: number;
}

export class SimulatorState {
  presetName = $state(DEFAULT_PRESET);
  scenario = $state.raw<Scenario>(getPreset(DEFAULT_PRESET)!.scenario);
  /** True once the scenario differs from the preset's (then the URL carries the whole scenario). */
  edited = $state(false);
  /** Problems with the scenario the URL asked for; shown above the widget, which falls back to a preset. */
  notices = $state.raw<ScenarioProblem[]>([]);
  stepIndex = $state(0);
  /** Virtual time shown, in ms; between two steps while a segment is being animated. */
  t = $state(0);
  playing = $state(false);
  speed = $state(1);
  /** Jump instead of tweening (prefers-reduced-motion). */
  reducedMotion = $state(false);
  /** Set by the first user action: only then does the widget write the URL. */
  touched = $state(false);

  private tween = $state.raw<Tween | null>(null);
  private nextAt = 0;

  readonly trace = $derived(runScenario(this.scenario));
  readonly names = $derived(sideNames(this.trace.scenario));
  readonly steps = $derived(narrateTrace(this.trace, { names: this.names }));
  readonly lastIndex = $derived(this.steps.length - 1);
  readonly current = $derived(this.steps[Math.min(this.stepIndex, this.lastIndex)]!);
  readonly snapshot = $derived(stateAt(this.trace, this.t));
  readonly ladder = $derived(tcpLadder(this.trace, this.steps, this.names));
  readonly transitions = $derived(lastTransitions(this.trace, this.t));
  /** True while something moves, so the component runs animation frames only then. */
  readonly busy = $derived(this.tween !== null || this.playing);
  readonly fragment = $derived(
    encodeSimUrl({ preset: this.presetName, step: this.stepIndex, ...(this.edited ? { scenario: this.scenario } : {}) }),
  );

  constructor(preset: string) {
    this.loadPreset(preset, false);
  }

  /** Starts over from a preset. Unknown names fall back to the default with a notice. */
  loadPreset(name: string, touch = true): void {
    const p = getPreset(name);
    if (p === undefined) {
      this.notices = [{ path: 'preset', message: `there is no preset "${name}"; showing "${DEFAULT_PRESET}"` }];
    }
    const chosen = p ?? getPreset(DEFAULT_PRESET)!;
    this.presetName = chosen.name;
    this.scenario = chosen.scenario;
    this.edited = false;
    this.jump(0);
    this.playing = false;
    if (touch) this.touched = true;
  }

  /** Applies a URL fragment; returns false when it says nothing about the simulator. */
  loadFragment(hash: string, widget = 0): boolean {
    const d = decodeSimUrl(hash);
    if (!d.found || d.widget !== widget) return false;
    const preset = d.preset ?? this.presetName;
    this.loadPreset(preset, false);
    if (d.scenario !== undefined) {
      this.scenario = d.scenario;
      this.edited = true;
    }
    this.notices = d.problems;
    this.jump(Math.min(d.step, this.lastIndex));
    return true;
  }

  // ---- stepping ------------------------------------------------------------------------------

  /** Shows step `i` at once. */
  jump(i: number): void {
    const k = Math.max(0, Math.min(i, this.steps.length - 1));
    this.tween = null;
    this.stepIndex = k;
    this.t = this.steps[k]?.t ?? 0;
  }

  /** Moves to step `i`, animating the segments in between when it is the next step and motion is welcome. */
  goTo(i: number, now = 0): void {
    const k = Math.max(0, Math.min(i, this.lastIndex));
    if (k === this.stepIndex + 1 && !this.reducedMotion && now > 0) {
      const to = this.steps[k]!.t;
      this.tween = { from: this.t, to, start: now, duration: TWEEN_MS / this.speed };
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
    const i = SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]);
    this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]!;
  }
  slower(): void {
    const i = SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]);
    this.speed = SPEEDS[Math.max(0, i - 1)]!;
  }

  /** Advances the animation to real time `now` (ms, from requestAnimationFrame). */
  tick(now: number): void {
    const tw = this.tween;
    if (tw !== null) {
      const f = tw.duration <= 0 ? 1 : (now - tw.start) / tw.duration;
      if (f >= 1) {
        this.t = tw.to;
        this.tween = null;
        this.nextAt = now + DWELL_MS / this.speed;
      } else this.t = tw.from + (tw.to - tw.from) * Math.max(0, f);
      return;
    }
    if (!this.playing || now < this.nextAt) return;
    if (this.stepIndex >= this.lastIndex) {
      this.playing = false;
      return;
    }
    this.goTo(this.stepIndex + 1, now);
    if (this.tween === null) this.nextAt = now + DWELL_MS / this.speed; // reduced motion: jump, then dwell
  }

  // ---- editing: every edit re-runs the core and keeps the moment shown --------------------------

  private replace(next: Scenario, t: number): void {
    this.scenario = next;
    this.edited = true;
    this.touched = true;
    this.playing = false;
    this.jump(stepIndexAt(this.steps, t));
  }

  /** A host action now: appended as a step just after the moment shown, which the widget then steps to. */
  act(on: Side, action: StepAction, bytes = 0): void {
    const at = actionTime(this.t);
    this.replace(addStep(this.scenario, hostAction(on, action, at, bytes)), this.t);
    const k = this.steps.findIndex((s) => s.t >= at);
    if (k >= 0) this.jump(k);
  }

  /** Drops a segment copy in flight (by its send event id): adds a drop rule and re-runs. */
  drop(sendId: number): ScenarioDrop | undefined {
    const rule = dropRuleFor(this.trace, sendId);
    if (rule !== undefined) this.replace(addDrop(this.scenario, rule), this.t);
    return rule;
  }

  removeDrop(rule: ScenarioDrop): void {
    this.replace({ ...this.scenario, drop: (this.scenario.drop ?? []).filter((d) => d !== rule) }, this.t);
  }

  setLink(patch: ScenarioLink): void {
    this.replace(withLink(this.scenario, patch), this.t);
  }

  setSeed(seed: number): void {
    this.replace(withSeed(this.scenario, seed), this.t);
  }

  /** The presets in picker order. */
  get presets() {
    return PRESETS;
  }
}
