/**
 * The NAT simulator's state: a scenario, the core's trace and narration of it, the step shown
 * (a shared StepPlayer) and everything derived for the panels at that moment. Edits replace the
 * scenario and the core runs again. No NAT rule lives here.
 */
import {
  forwardsAt,
  getNatPreset,
  narrateNatTrace,
  NAT_PRESETS,
  natTableAt,
  packetViewAt,
  runNatScenario,
  type NatPreset,
  type NatPresetName,
  type NatScenario,
} from '../../core/nat/index.ts';
import { stepIndexAt } from '../../core/sim/narrate.ts';
import { StepPlayer } from '../shared/step-player.svelte.ts';
import type { EditResult } from './edit.ts';
import { changedMappings, forwardText, natLadder, natTraceRows, packetPanel, tableText } from './layout.ts';

/** Preset used when none (or an unknown one) is named. */
export const DEFAULT_NAT_PRESET: NatPresetName = 'outbound';

export class NatSimulatorState {
  presetName = $state<NatPresetName>(DEFAULT_NAT_PRESET);
  scenario = $state.raw<NatScenario>(getNatPreset(DEFAULT_NAT_PRESET)!.scenario);
  /** True once the scenario differs from the preset's. */
  edited = $state(false);
  /** What was wrong with the last form input, in words (empty when it was fine). */
  problems = $state.raw<string[]>([]);
  /** What the last successful edit did, for a polite status line. */
  status = $state('');

  readonly trace = $derived(runNatScenario(this.scenario));
  readonly steps = $derived(narrateNatTrace(this.trace));
  readonly player = new StepPlayer(() => this.steps);
  readonly current = $derived(this.steps[Math.min(this.player.stepIndex, this.steps.length - 1)]!);
  readonly ladder = $derived(natLadder(this.trace, this.steps));
  readonly cgnat = $derived(this.trace.scenario?.nat.cgnat ?? false);
  readonly routerRows = $derived(tableText(natTableAt(this.trace, this.player.t, 'router'), this.player.t, changedMappings(this.trace, this.current.first, this.current.end, 'router')));
  readonly cgnRows = $derived(this.cgnat ? tableText(natTableAt(this.trace, this.player.t, 'cgn'), this.player.t, changedMappings(this.trace, this.current.first, this.current.end, 'cgn')) : []);
  readonly forwards = $derived(forwardsAt(this.trace, this.player.t));
  readonly forwardRows = $derived(this.forwards.map((f) => ({ key: `${f.proto}/${f.publicPort}`, proto: f.proto, publicPort: f.publicPort, ...forwardText(f, this.player.t) })));
  readonly packet = $derived(packetPanel(packetViewAt(this.trace, this.current.first, this.current.end)));
  readonly rows = $derived(natTraceRows(this.trace));

  constructor(preset: string) {
    this.loadPreset(preset);
  }

  get presets(): readonly NatPreset[] {
    return NAT_PRESETS;
  }

  get preset(): NatPreset {
    return getNatPreset(this.presetName) ?? NAT_PRESETS[0]!;
  }

  /** Starts over from a preset; an unknown name falls back to the default. */
  loadPreset(name: string): void {
    const p = getNatPreset(name) ?? getNatPreset(DEFAULT_NAT_PRESET)!;
    this.presetName = p.name;
    this.scenario = p.scenario;
    this.edited = false;
    this.problems = [];
    this.status = '';
    this.player.reset();
  }

  /**
   * Applies an edit built from the time shown. On success the new run shows the first step after
   * that time (`moveOn`: the learner steps on into what they asked for) or stays at it (settings);
   * otherwise the problems are kept for the form to show and nothing changes.
   */
  apply(edit: (t: number) => EditResult, done: string, moveOn = true): boolean {
    const t = this.player.t;
    const r = edit(t);
    if (!r.ok) {
      this.problems = r.problems;
      this.status = '';
      return false;
    }
    this.problems = [];
    this.scenario = r.scenario;
    this.edited = true;
    this.player.playing = false;
    this.player.touched = true;
    const k = moveOn ? this.steps.findIndex((s) => s.t > t) : -1;
    this.player.jump(k >= 0 ? k : stepIndexAt(this.steps, t));
    this.status = done;
    return true;
  }
}
