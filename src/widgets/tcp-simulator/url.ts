/**
 * The simulator's state in the URL fragment, so a link reopens exactly one moment of one run:
 * `#preset=lost-syn&step=4`, or with a changed scenario
 * `#preset=handshake&scenario={…JSON…}&step=2`. The JSON stays readable (percent-encoded, not
 * base64) so people can edit it by hand; decoding never throws and reports what it could not use
 * with the validator's own messages.
 */
import { getPreset, PRESETS, validateScenario, type Scenario, type ScenarioProblem } from '../../core/sim/index.ts';

/** What the fragment holds. */
export interface SimUrlState {
  /** The preset the run started from: names the presenter page, and is the whole scenario when `scenario` is absent. */
  preset: string;
  /** The scenario when it differs from the preset's. */
  scenario?: Scenario;
  /** Index of the step shown (0-based). */
  step: number;
  /** Which simulator on the page the fragment belongs to (0-based, in page order); 0 is left out. */
  widget?: number;
}

/** The result of reading a fragment. `found` is false when the fragment says nothing about the simulator. */
export interface DecodedSimUrl {
  found: boolean;
  preset?: string;
  scenario?: Scenario;
  step: number;
  widget: number;
  /** Everything that could not be used, with where (`scenario $.steps[0].at`, `step`) and why. */
  problems: ScenarioProblem[];
}

/** Longest fragment read: a scenario at the validator's limits is far shorter; longer is a mistake or an attack. */
export const MAX_FRAGMENT_LENGTH = 100_000;

/** Fragment keys. */
const KEYS = ['preset', 'scenario', 'step', 'widget'] as const;

/** Encodes the state as a fragment without the leading '#'. */
export function encodeSimUrl(state: SimUrlState): string {
  const parts = [`preset=${encodeURIComponent(state.preset)}`];
  if (state.scenario !== undefined) parts.push(`scenario=${encodeURIComponent(JSON.stringify(state.scenario))}`);
  parts.push(`step=${Math.max(0, Math.floor(state.step))}`);
  if (state.widget !== undefined && state.widget > 0) parts.push(`widget=${Math.floor(state.widget)}`);
  return parts.join('&');
}

function wholeNumber(raw: string | null, key: string, problems: ScenarioProblem[]): number | undefined {
  if (raw === null) return undefined;
  if (/^\d{1,9}$/.test(raw.trim())) return Number(raw.trim());
  problems.push({ path: key, message: `must be a whole number of 0 or more, got ${JSON.stringify(raw.slice(0, 40))}` });
  return undefined;
}

/** Reads a fragment (with or without '#'). Never throws. */
export function decodeSimUrl(hash: string): DecodedSimUrl {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const out: DecodedSimUrl = { found: false, step: 0, widget: 0, problems: [] };
  if (text.length > MAX_FRAGMENT_LENGTH) {
    out.found = true;
    out.problems.push({ path: '#', message: `the link is ${text.length} characters long, at most ${MAX_FRAGMENT_LENGTH} are read` });
    return out;
  }
  let params: URLSearchParams;
  try {
    // URLSearchParams turns '+' into a space; a hand-typed JSON number never needs a '+'.
    params = new URLSearchParams(text);
  } catch {
    return out;
  }
  if (!KEYS.some((k) => params.has(k))) return out;
  out.found = true;

  const preset = params.get('preset');
  if (preset !== null) {
    if (getPreset(preset) === undefined) {
      out.problems.push({ path: 'preset', message: `there is no preset "${preset.slice(0, 60)}" (known: ${PRESETS.map((p) => p.name).join(', ')})` });
    } else out.preset = preset;
  }

  const raw = params.get('scenario');
  if (raw !== null) {
    let parsed: unknown;
    let ok = true;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      ok = false;
      out.problems.push({ path: 'scenario', message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
    }
    if (ok) {
      const checked = validateScenario(parsed);
      if (checked.scenario !== undefined) out.scenario = checked.scenario;
      for (const p of checked.problems) out.problems.push({ path: `scenario ${p.path}`, message: p.message });
    }
  }

  const step = wholeNumber(params.get('step'), 'step', out.problems);
  if (step !== undefined) out.step = step;
  const widget = wholeNumber(params.get('widget'), 'widget', out.problems);
  if (widget !== undefined) out.widget = widget;
  return out;
}
