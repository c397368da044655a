import { describe, expect, test } from 'vitest';
import { getPreset, runScenario, stateAt, type Scenario } from '../../core/sim/index.ts';
import { actionTime, addDrop, addStep, dropRuleFor, hostAction, withLink } from './edit.ts';

const handshake = getPreset('handshake')!.scenario;

describe('scenario edits', () => {
  test.each([
    // before the first event
    [-1, 0],
    [0, 10],
    [250, 260],
    // a time between grid points rounds up to the next one
    [150.352, 160],
  ])('actionTime(%d) is %d', (t, at) => {
    expect(actionTime(t)).toBe(at);
  });

  test('addStep() keeps steps in time order and puts a new step after others at the same time', () => {
    const s = addStep(addStep(handshake, hostAction('a', 'send', 50, 10)), hostAction('a', 'close', 100, 0));
    expect(s.steps.map((x) => `${x.at}${x.do}`)).toEqual(['0listen', '50send', '100connect', '100close']);
    expect(s.steps[1]).toEqual({ at: 50, on: 'a', do: 'send', bytes: 10 });
    expect(handshake.steps).toHaveLength(2); // the preset itself is untouched
  });

  test('a close appended after the handshake makes the client enter FIN-WAIT-1', () => {
    const s = addStep(handshake, hostAction('a', 'close', actionTime(250), 0));
    expect(stateAt(runScenario(s), 265).a.state).toBe('FIN-WAIT-1');
  });

  test('dropRuleFor() the SYN-ACK names the server\'s first segment, and the run then retransmits it', () => {
    const trace = runScenario(handshake);
    const synAck = trace.events.find((e) => e.type === 'send' && e.on === 'b');
    const rule = dropRuleFor(trace, synAck?.type === 'send' ? synAck.id : -1);
    expect(rule).toEqual({ from: 'b', nth: 1 });
    const rerun = runScenario(addDrop(handshake, rule!));
    expect(rerun.events.some((e) => e.type === 'drop' && e.on === 'b' && e.reason === 'scenario')).toBe(true);
    expect(rerun.events.some((e) => e.type === 'send' && e.on === 'b' && e.retransmission === true)).toBe(true);
  });

  test('dropRuleFor() an unknown segment is undefined, and addDrop() adds a rule only once', () => {
    expect(dropRuleFor(runScenario(handshake), 999)).toBeUndefined();
    const once: Scenario = addDrop(handshake, { from: 'a', nth: 2 });
    expect(addDrop(once, { from: 'a', nth: 2 }).drop).toEqual([{ from: 'a', nth: 2 }]);
  });

  test('withLink() changes only the named fields', () => {
    const s = withLink(withLink(handshake, { loss: 0.1 }), { delay: 20 });
    expect(s.link).toEqual({ loss: 0.1, delay: 20 });
  });
});
