/**
 * Every preset is a valid scenario and shows what its description promises.
 */
import { describe, expect, test } from 'vitest';
import { formatSegment } from '../tcp/segment.ts';
import type { TcpState } from '../tcp/states.ts';
import { runScenario } from '../sim/run.ts';
import { validateScenario } from '../sim/scenario.ts';
import type { Side } from '../sim/scenario.ts';
import type { Trace } from '../sim/trace.ts';
import { PRESETS, getPreset } from './index.ts';

function run(name: string): Trace {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return runScenario(preset.scenario);
}

function states(trace: Trace, side: Side): TcpState[] {
  return trace.events.flatMap((e) => (e.type === 'state' && e.on === side ? [e.to] : []));
}

function sends(trace: Trace, side: Side): string[] {
  return trace.events.flatMap((e) => (e.type === 'send' && e.on === side ? [`${e.t} ${formatSegment(e.segment)}${e.retransmission ? ' (rtx)' : ''}`] : []));
}

function errors(trace: Trace): string[] {
  return trace.events.flatMap((e) => (e.type === 'error' ? [`${e.t} ${e.on}: ${e.message}`] : []));
}

describe('PRESETS', () => {
  test('PRESETS lists the eleven presets in a stable teaching order', () => {
    expect(PRESETS.map((p) => p.name)).toEqual([
      'handshake',
      'data-transfer',
      'graceful-close',
      'simultaneous-open',
      'simultaneous-close',
      'connection-refused',
      'lost-syn',
      'lost-data',
      'half-close',
      'abort',
      'silent-server',
    ]);
  });

  test.each(PRESETS.map((p) => [p.name, p] as const))('preset %s is a valid scenario with a title and a one-line description', (name, preset) => {
    expect(validateScenario(preset.scenario).problems).toEqual([]);
    expect(preset.scenario.name).toBe(name);
    expect(preset.title.length).toBeGreaterThan(0);
    expect(preset.description).not.toMatch(/\n/);
    expect(preset.description.length).toBeLessThanOrEqual(160);
    // Fixed ISNs keep the numbers in captions stable.
    expect(preset.scenario.a.isn).toBe(100);
    expect(preset.scenario.b.isn).toBe(300);
    const end = runScenario(preset.scenario).events.at(-1);
    expect(end).toMatchObject({ type: 'end', reason: 'quiet' });
  });

  test('getPreset() returns undefined for an unknown name', () => {
    expect(getPreset('nope')).toBeUndefined();
  });
});

describe('what each preset shows', () => {
  test('handshake: SYN, SYN-ACK, ACK as in RFC 9293 Figure 6, both ends ESTABLISHED', () => {
    const t = run('handshake');
    expect([...sends(t, 'a'), ...sends(t, 'b')].sort()).toEqual([
      '100 <SEQ=100><CTL=SYN>',
      '150 <SEQ=300><ACK=101><CTL=SYN,ACK>',
      '200 <SEQ=101><ACK=301><CTL=ACK>',
    ]);
    expect(t.events.at(-1)).toMatchObject({ states: { a: 'ESTABLISHED', b: 'ESTABLISHED' } });
  });

  test('data-transfer: 3500 bytes cut by the server\'s MSS of 1000 into four segments, all delivered and ACKed', () => {
    const t = run('data-transfer');
    const data = t.events.flatMap((e) => (e.type === 'send' && e.on === 'a' && e.segment.len > 0 ? [e.segment.len] : []));
    expect(data).toEqual([1000, 1000, 1000, 500]);
    expect(t.events.filter((e) => e.type === 'deliver').at(-1)).toMatchObject({ on: 'b', total: 3500 });
    expect(sends(t, 'b').at(-1)).toMatch(/<ACK=3601><CTL=ACK>$/);
  });

  test('graceful-close: the client passes FIN-WAIT-1, FIN-WAIT-2 and TIME-WAIT for 2 × MSL; the server CLOSE-WAIT and LAST-ACK', () => {
    const t = run('graceful-close');
    expect(states(t, 'a')).toEqual(['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED']);
    expect(states(t, 'b')).toEqual(['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    const tw = t.events.filter((e) => e.type === 'state' && e.on === 'a' && (e.to === 'TIME-WAIT' || e.from === 'TIME-WAIT'));
    expect((tw[1]?.t ?? 0) - (tw[0]?.t ?? 0)).toBe(2000);
  });

  test('simultaneous-open: each side goes SYN-SENT, SYN-RECEIVED, ESTABLISHED (Figure 7)', () => {
    const t = run('simultaneous-open');
    for (const side of ['a', 'b'] as const) expect(states(t, side)).toEqual(['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
    expect(sends(t, 'a')).toEqual(['0 <SEQ=100><CTL=SYN>', '50 <SEQ=100><ACK=301><CTL=SYN,ACK>']);
  });

  test('simultaneous-close: the FINs cross and both sides pass CLOSING into TIME-WAIT (Figure 13)', () => {
    const t = run('simultaneous-close');
    for (const side of ['a', 'b'] as const) expect(states(t, side).slice(-4)).toEqual(['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED']);
  });

  test('connection-refused: the server host answers RST,ACK and the client is told "connection refused"', () => {
    const t = run('connection-refused');
    expect(sends(t, 'b')).toEqual(['150 <SEQ=0><ACK=101><CTL=RST,ACK>']);
    expect(errors(t)).toEqual(['200 a: connection refused']);
  });

  test('lost-syn: the SYN goes out at 100 ms, again 1 s later, then 2 s after that', () => {
    const t = run('lost-syn');
    expect(sends(t, 'a').slice(0, 3)).toEqual(['100 <SEQ=100><CTL=SYN>', '1100 <SEQ=100><CTL=SYN> (rtx)', '3100 <SEQ=100><CTL=SYN> (rtx)']);
    expect(t.events.at(-1)).toMatchObject({ states: { a: 'ESTABLISHED', b: 'ESTABLISHED' } });
  });

  test('lost-data: the server repeats ACK 1101 for the held segments, the client resends <SEQ=1101> after the RTO, one ACK then covers all 4000 bytes', () => {
    const t = run('lost-data');
    expect(sends(t, 'a').filter((s) => s.endsWith('(rtx)'))).toEqual([expect.stringMatching(/<SEQ=1101><ACK=301><CTL=ACK><DATA=1000> \(rtx\)$/)]);
    const acks = sends(t, 'b').map((s) => /ACK=(\d+)/.exec(s)?.[1]);
    // After the SYN,ACK: one ACK for the first segment, two duplicates for the held ones, then the jump.
    expect(acks.slice(1)).toEqual(['1101', '1101', '1101', '4101']);
  });

  test('half-close: the client keeps receiving the 3000-byte reply in FIN-WAIT-2 after closing its direction', () => {
    const t = run('half-close');
    let aState: TcpState = 'CLOSED';
    const deliveredIn: TcpState[] = [];
    for (const e of t.events) {
      if (e.type === 'state' && e.on === 'a') aState = e.to;
      if (e.type === 'deliver' && e.on === 'a') deliveredIn.push(aState);
    }
    expect(deliveredIn).toEqual(['FIN-WAIT-2', 'FIN-WAIT-2', 'FIN-WAIT-2']);
    expect(states(t, 'b')).toContain('CLOSE-WAIT');
    expect(t.events.filter((e) => e.type === 'deliver' && e.on === 'a').at(-1)).toMatchObject({ total: 3000 });
  });

  test('abort: the client sends <SEQ=SND.NXT><CTL=RST> and the server is told "connection reset"', () => {
    const t = run('abort');
    expect(sends(t, 'a').at(-1)).toBe('500 <SEQ=1101><CTL=RST>');
    expect(errors(t)).toEqual(['550 b: connection reset']);
  });

  test('silent-server: SYNs at 0.1, 1.1, 3.1 and 7.1 s vanish at the firewall and the connect times out at 15.1 s', () => {
    const t = run('silent-server');
    expect(sends(t, 'a').map((s) => Number(s.split(' ')[0]))).toEqual([100, 1100, 3100, 7100]);
    expect(t.events.filter((e) => e.type === 'drop').every((e) => e.type === 'drop' && e.reason === 'firewall')).toBe(true);
    expect(errors(t)).toEqual(['15100 a: connection timed out']);
    expect(states(t, 'b')).toEqual(['LISTEN']);
  });
});
