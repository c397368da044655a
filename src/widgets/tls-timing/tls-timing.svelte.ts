/**
 * State of the TLS timing widget: two runs (one per ladder) at one shared RTT, stepped together
 * by one StepPlayer over the union of their step times. Everything else is derived from the core.
 */
import {
  getTlsPreset,
  narrateTlsTrace,
  observerView,
  RTT_MAX_MS,
  RTT_MIN_MS,
  runTlsScenario,
  tlsCaptionAt,
  tlsTiming,
  TLS_PRESETS,
  type ObserverView,
  type TlsPreset,
  type TlsTiming,
  type TlsTrace,
} from '../../core/tls/index.ts';
import type { NarratedStep } from '../../core/sim/narrate.ts';
import type { LadderData } from '../shared/ladder-layout.ts';
import { StepPlayer, type TraceRow } from '../shared/step-player.svelte.ts';
import { currentRange, tlsLadder, tlsTraceRows, unionTimes } from './layout.ts';
import { TLS_TIMING_DEFAULTS } from './types.ts';

/** One connection as the widget shows it. */
export interface TlsRun {
  preset: TlsPreset;
  trace: TlsTrace;
  steps: NarratedStep[];
  timing: TlsTiming | null;
  rows: TraceRow[];
}

function presetOr(name: string, fallback: string): TlsPreset {
  return getTlsPreset(name) ?? (getTlsPreset(fallback) as TlsPreset);
}

function makeRun(preset: TlsPreset, rtt: number): TlsRun {
  const trace = runTlsScenario({ ...preset.scenario, rtt });
  return { preset, trace, steps: narrateTlsTrace(trace), timing: tlsTiming(trace), rows: tlsTraceRows(trace) };
}

/** Keeps a slider value inside the model's range, in whole milliseconds. */
export function clampRtt(v: number): number {
  if (!Number.isFinite(v)) return TLS_TIMING_DEFAULTS.rtt;
  return Math.min(RTT_MAX_MS, Math.max(RTT_MIN_MS, Math.round(v)));
}

export class TlsTimingState {
  readonly presets = TLS_PRESETS;
  rtt = $state<number>(TLS_TIMING_DEFAULTS.rtt);
  names = $state<[string, string]>([TLS_TIMING_DEFAULTS.left, TLS_TIMING_DEFAULTS.right]);

  readonly runs: [TlsRun, TlsRun] = $derived([
    makeRun(presetOr(this.names[0], TLS_TIMING_DEFAULTS.left), this.rtt),
    makeRun(presetOr(this.names[1], TLS_TIMING_DEFAULTS.right), this.rtt),
  ]);
  /** The shared timeline: every time at which either run has a step. */
  readonly times: number[] = $derived(unionTimes(this.runs[0].steps, this.runs[1].steps));
  readonly player = new StepPlayer(() => this.times.map((t) => ({ t })));
  /** The step time shown (the player's t may be between two while an arrow moves). */
  readonly stepT: number = $derived(this.times[this.player.stepIndex] ?? 0);
  readonly ladders: LadderData[] = $derived(this.runs.map((r) => tlsLadder(r.trace, this.times)));
  readonly captions: string[] = $derived(this.runs.map((r) => tlsCaptionAt(r.trace, r.steps, this.stepT)));
  readonly observers: (ObserverView | null)[] = $derived(this.runs.map((r) => observerView(r.trace, this.stepT)));
  readonly current: { first: number; end: number }[] = $derived(this.runs.map((r) => currentRange(r.steps, this.stepT)));

  constructor(left: string, right: string, rtt: number) {
    this.names = [presetOr(left, TLS_TIMING_DEFAULTS.left).name, presetOr(right, TLS_TIMING_DEFAULTS.right).name];
    this.rtt = clampRtt(rtt);
  }

  /** Re-runs both connections at a new RTT, staying on the same step (or on the last). */
  setRtt(v: number): void {
    this.keepPlace(() => (this.rtt = clampRtt(v)));
  }

  /** Changes the preset of ladder `i` (0 = left). */
  setPreset(i: 0 | 1, name: string): void {
    if (getTlsPreset(name) === undefined) return;
    this.keepPlace(() => {
      const next: [string, string] = [...this.names];
      next[i] = name;
      this.names = next;
    });
  }

  /**
   * Runs a change and puts the player back on the same step number, or on the last step if it was
   * there (someone comparing finished ladders keeps seeing finished ladders).
   */
  private keepPlace(change: () => void): void {
    const atEnd = this.player.stepIndex >= this.player.lastIndex;
    const index = this.player.stepIndex;
    change();
    this.player.jump(atEnd ? this.player.lastIndex : index);
  }
}
