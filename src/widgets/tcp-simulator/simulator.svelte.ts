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
import { StepPlayer } from '../shared/step-player.svelte.ts';

/** Preset used when none (or an unknown one) is named. */
export const DEFAULT_PRESET = 'handshake';

/** Stepping, tweening and playback speeds are the shared player's (../shared/step-player.svelte.ts). */
export { PLAYER_SPEEDS as SPEEDS, PLAYER_TWEEN_MS as TWEEN_MS, PLAYER_DWELL_MS as DWELL_MS } from '../shared/step-player.svelte.ts';

export class SimulatorState {
  presetName = $state(DEFAULT_PRESET);
  scenario = $state.raw<Scenario>(getPreset(DEFAULT_PRESET)!.scenario);
  /** True once the scenario differs from the preset's (then the URL carries the whole scenario). */
  edited = $state(false);
  /** Problems with the scenario the URL asked for; shown above the widget, which falls back to a preset. */
  notices = $state.raw<ScenarioProblem[]>([]);
  /** Which step is shown, the time drawn, play/pause and speed: the player shared by every simulation. */
  readonly player = new StepPlayer(() => this.steps);

  readonly trace = $derived(runScenario(this.scenario));
  readonly names = $derived(sideNames(this.trace.scenario));
  readonly steps = $derived(narrateTrace(this.trace, { names: this.names }));
  readonly lastIndex = $derived(this.steps.length - 1);
  readonly current = $derived(this.steps[Math.min(this.stepIndex, this.lastIndex)]!);
  readonly snapshot = $derived(stateAt(this.trace, this.t));
  readonly ladder = $derived(tcpLadder(this.trace, this.steps, this.names));
  readonly transitions = $derived(lastTransitions(this.trace, this.t));
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

  // ---- stepping: delegated to the shared player ------------------------------------------------

  get stepIndex(): number {
    return this.player.stepIndex;
  }
  /** Virtual time shown, in ms; between two steps while a segment is being animated. */
  get t(): number {
    return this.player.t;
  }
  get playing(): boolean {
    return this.player.playing;
  }
  set playing(v: boolean) {
    this.player.playing = v;
  }
  get speed(): number {
    return this.player.speed;
  }
  set speed(v: number) {
    this.player.speed = v;
  }
  /** Jump instead of tweening (prefers-reduced-motion). */
  get reducedMotion(): boolean {
    return this.player.reducedMotion;
  }
  set reducedMotion(v: boolean) {
    this.player.reducedMotion = v;
  }
  /** Set by the first user action: only then does the widget write the URL. */
  get touched(): boolean {
    return this.player.touched;
  }
  set touched(v: boolean) {
    this.player.touched = v;
  }
  /** True while something moves, so the component runs animation frames only then. */
  get busy(): boolean {
    return this.player.busy;
  }

  jump(i: number): void {
    this.player.jump(i);
  }
  next(now = 0): void {
    this.player.next(now);
  }
  prev(): void {
    this.player.prev();
  }
  first(): void {
    this.player.first();
  }
  last(): void {
    this.player.last();
  }
  toggle(now = 0): void {
    this.player.toggle(now);
  }
  faster(): void {
    this.player.faster();
  }
  slower(): void {
    this.player.slower();
  }
  tick(now: number): void {
    this.player.tick(now);
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
