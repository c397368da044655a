/**
 * Editing a scenario from the widget: a host action appends a step, clicking a segment in flight
 * adds a drop rule, the fault panel changes the link. Every edit returns a new scenario (the
 * widget re-runs the core on it); nothing here knows TCP's rules.
 */
import type { Scenario, ScenarioDrop, ScenarioLink, ScenarioStep, Side, StepAction, Trace } from '../../core/sim/index.ts';

/**
 * Actions happen on a 10 ms grid just after the moment shown, so the new call is a step of its
 * own (the learner sees it happen when stepping on) and its time reads cleanly in the caption.
 */
export const ACTION_GRID_MS = 10;

/** The time a host action taken while the widget shows time `t` is scheduled at. */
export function actionTime(t: number): number {
  if (!(t >= 0)) return 0;
  return (Math.floor(t / ACTION_GRID_MS) + 1) * ACTION_GRID_MS;
}

/** A copy of `scenario` with `step` inserted after every step at or before its time (steps stay in order). */
export function addStep(scenario: Scenario, step: ScenarioStep): Scenario {
  const steps = [...scenario.steps];
  let i = steps.length;
  while (i > 0 && (steps[i - 1] as ScenarioStep).at > step.at) i -= 1;
  steps.splice(i, 0, step);
  return { ...scenario, steps };
}

/** The step for a host action at time `at`; `bytes` only for send. */
export function hostAction(on: Side, action: StepAction, at: number, bytes: number): ScenarioStep {
  return action === 'send' ? { at, on, do: action, bytes } : { at, on, do: action };
}

/**
 * The drop rule that removes the segment sent as `sendId`: the scenario counts every segment a
 * side sends (retransmissions, ACKs and RSTs too), so it is that side's nth `send` event.
 */
export function dropRuleFor(trace: Trace, sendId: number): ScenarioDrop | undefined {
  const counts = { a: 0, b: 0 };
  for (const e of trace.events) {
    if (e.type !== 'send') continue;
    counts[e.on] += 1;
    if (e.id === sendId) return { from: e.on, nth: counts[e.on] };
  }
  return undefined;
}

/** A copy of `scenario` with the drop rule added (once). */
export function addDrop(scenario: Scenario, rule: ScenarioDrop): Scenario {
  const drop = scenario.drop ?? [];
  if (drop.some((d) => d.from === rule.from && d.nth === rule.nth)) return scenario;
  return { ...scenario, drop: [...drop, rule] };
}

/** A copy of `scenario` with some link fields changed; fields set to their default are kept explicit. */
export function withLink(scenario: Scenario, patch: ScenarioLink): Scenario {
  return { ...scenario, link: { ...scenario.link, ...patch } };
}

/** A copy of `scenario` with a new seed. */
export function withSeed(scenario: Scenario, seed: number): Scenario {
  return { ...scenario, seed };
}
