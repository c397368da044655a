/**
 * State of the FTP simulator: a scenario, the core's trace of it, the narrated steps and one
 * StepPlayer. Everything the widget draws is derived from (trace, t); the controls replace the
 * scenario through the core's edits and the core runs again. No FTP rule lives here.
 */
import type { NarratedStep } from '../../core/sim/narrate.ts';
import {
  FTP_PRESETS,
  ftpArgumentAt,
  ftpMiddleboxChoice,
  ftpParticipants,
  ftpSnapshotAt,
  ftpWithMiddlebox,
  ftpWithMode,
  getFtpPreset,
  narrateFtpTrace,
  runFtpScenario,
  validateFtpScenario,
  type FtpMiddleboxChoice,
  type FtpMode,
  type FtpPreset,
  type FtpScenario,
} from '../../core/ftp/index.ts';
import { StepPlayer } from '../shared/step-player.svelte.ts';
import { ftpLadder, ftpTraceRows, stepRange } from './layout.ts';
import { FTP_SIMULATOR_DEFAULTS } from './types.ts';

function presetOr(name: string): FtpPreset {
  return getFtpPreset(name) ?? (getFtpPreset(FTP_SIMULATOR_DEFAULTS.preset) as FtpPreset);
}

export class FtpSimulatorState {
  readonly presets = FTP_PRESETS;
  presetName = $state<string>(FTP_SIMULATOR_DEFAULTS.preset);
  scenario = $state.raw<FtpScenario>(presetOr(FTP_SIMULATOR_DEFAULTS.preset).scenario);

  readonly preset: FtpPreset = $derived(presetOr(this.presetName));
  /** True once the learner changed something the preset set. */
  readonly edited: boolean = $derived(JSON.stringify(this.scenario) !== JSON.stringify(this.preset.scenario));
  readonly trace = $derived(runFtpScenario(this.scenario));
  readonly steps: NarratedStep[] = $derived(narrateFtpTrace(this.trace));
  readonly player = new StepPlayer(() => this.steps);
  /** The step shown (the player's t may lie between two while an arrow moves). */
  readonly step: NarratedStep = $derived(this.steps[Math.min(this.player.stepIndex, this.steps.length - 1)] as NarratedStep);
  readonly names = $derived(ftpParticipants(this.trace.scenario));
  readonly ladder = $derived(ftpLadder(this.trace, this.steps));
  readonly rows = $derived(ftpTraceRows(this.trace));
  readonly current = $derived(stepRange(this.steps, this.player.stepIndex));
  readonly snapshot = $derived(ftpSnapshotAt(this.trace, this.step.t));
  readonly argument = $derived(ftpArgumentAt(this.trace, this.step.t));
  readonly mode: FtpMode = $derived(this.scenario.mode);
  readonly middlebox: FtpMiddleboxChoice = $derived(ftpMiddleboxChoice(this.scenario));
  readonly delay: number = $derived(this.trace.scenario?.oneWayDelay ?? 0);
  readonly command = $derived(this.trace.scenario?.command ?? null);

  constructor(preset: string) {
    this.loadPreset(preset);
  }

  /** Starts over from a preset (unknown names fall back to the default). */
  loadPreset(name: string): void {
    const p = presetOr(name);
    this.presetName = p.name;
    this.scenario = p.scenario;
    this.player.reset();
  }

  setMode(mode: FtpMode): void {
    this.change(ftpWithMode(this.scenario, mode));
  }

  setMiddlebox(choice: FtpMiddleboxChoice): void {
    this.change(ftpWithMiddlebox(this.scenario, choice));
  }

  /** One-way delay in ms; values the core would refuse are ignored. */
  setDelay(ms: number): void {
    this.change({ ...this.scenario, oneWayDelay: ms });
  }

  /** What the client fetches: the listing, or a file of `bytes` bytes. */
  setCommand(verb: 'LIST' | 'RETR', bytes: number): void {
    this.change({ ...this.scenario, command: verb === 'LIST' ? { verb, bytes } : { verb, name: 'notes.txt', bytes } });
  }

  /**
   * Applies a valid scenario and stays on the same step number, or on the last step if it was
   * there: someone who watched active mode fail and switches to passive sees the new ending.
   */
  private change(next: FtpScenario): void {
    if (validateFtpScenario(next).scenario === undefined) return;
    const atEnd = this.player.stepIndex >= this.player.lastIndex;
    const index = this.player.stepIndex;
    this.scenario = next;
    this.player.touched = true;
    this.player.jump(atEnd ? this.player.lastIndex : index);
  }
}
