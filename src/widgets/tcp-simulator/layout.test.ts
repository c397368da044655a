import { describe, expect, test } from 'vitest';
import { getPreset, narrateTrace, PRESETS, runScenario, sideNames, tcpStateEdges, TCP_STATES, type SimSegment } from '../../core/sim/index.ts';
import { layoutDiagram } from '../shared/diagram-layout.ts';
import { boxesOverlap, layoutLadder, segmentHitsBox, type LadderOptions } from '../shared/ladder-layout.ts';
import { closedNodeFor, FIGURE5_GRID, lastTransitions, presenterDiagramOptions, presenterLadderOptions, segmentLabel, segmentTone, tcpDiagramEdges, tcpDiagramNodes, tcpLadder, traceRows } from './layout.ts';

function ladderOf(name: string) {
  const trace = runScenario(getPreset(name)!.scenario);
  return { trace, ladder: tcpLadder(trace, narrateTrace(trace), sideNames(trace.scenario)) };
}
const seg = (flags: SimSegment['flags'], len = 0): SimSegment => ({ srcPort: 1, dstPort: 2, seq: 100, ack: 301, flags, window: 1, len });

describe('tcpLadder', () => {
  test('tcpLadder(handshake) has two lanes, one row per step and three delivered arrows', () => {
    const { ladder } = ladderOf('handshake');
    expect(ladder.lanes).toEqual([
      { id: 'a', label: 'Client', sublabel: '10.0.0.1:49152' },
      { id: 'b', label: 'Server', sublabel: '10.0.0.2:80' },
    ]);
    expect(ladder.rows.map((r) => r.label)).toEqual(['0 ms', '100 ms', '150 ms', '200 ms', '250 ms']);
    expect(ladder.arrows.map((a) => `${a.from}${a.to} ${a.label} ${a.status}`)).toEqual([
      'ab SYN seq=100 len=0 delivered',
      'ba SYN,ACK seq=300 ack=101 len=0 delivered',
      'ab ACK seq=101 ack=301 len=0 delivered',
    ]);
    expect(ladder.marks.map((m) => `${m.lane} ${m.label}`)).toEqual(['b LISTEN', 'a SYN-SENT', 'b SYN-RECEIVED', 'a ESTABLISHED', 'b ESTABLISHED']);
  });

  test('tcpLadder(lost-syn) draws lost SYNs half way and marks the retransmissions', () => {
    const { ladder } = ladderOf('lost-syn');
    const syns = ladder.arrows.filter((a) => a.label.startsWith('SYN seq'));
    expect(syns.map((a) => [a.status, a.reach, a.note ?? ''])).toEqual([
      ['lost', 0.5, ''],
      ['lost', 0.5, 'retransmission'],
      ['delivered', 1, 'retransmission'],
    ]);
    expect(syns[1]!.description).toBe('retransmitted SYN seq=100 len=0, the client to the server, dropped');
  });

  test('tcpLadder() turns each timer start into a span that ends where it stops, expires or restarts', () => {
    const { ladder } = ladderOf('lost-syn');
    expect(ladder.spans.filter((s) => s.lane === 'a').map((s) => [s.t0, s.t1, s.label])).toEqual([
      [100, 1100, 'RTO 1 s'],
      [1100, 3100, 'RTO 2 s'],
      [3100, 3200, 'RTO 4 s'],
    ]);
    const tw = ladderOf('graceful-close').ladder.spans.find((s) => s.tone === 'time-wait');
    expect([tw?.t0, tw?.t1, tw?.label]).toEqual([650, 2650, 'TIME-WAIT 2 s']);
  });

  test('tcpLadder() of an invalid trace has lanes and no arrows', () => {
    const trace = runScenario({} as never);
    const ladder = tcpLadder(trace, narrateTrace(trace), sideNames(null));
    expect(ladder.lanes).toHaveLength(2);
    expect(ladder.arrows).toEqual([]);
  });
});

describe('segment labels and colours', () => {
  test.each([
    [seg(['SYN']), 'syn', 'SYN seq=100 len=0'],
    [seg(['SYN', 'ACK']), 'syn', 'SYN,ACK seq=100 ack=301 len=0'],
    [seg(['FIN', 'ACK']), 'fin', 'FIN,ACK seq=100 ack=301 len=0'],
    [seg(['RST', 'ACK']), 'rst', 'RST,ACK seq=100 ack=301 len=0'],
    // data gets the PSH colour whether or not PSH is set
    [seg(['ACK'], 1000), 'psh', 'ACK seq=100 ack=301 len=1000'],
    [seg(['ACK']), 'ack', 'ACK seq=100 ack=301 len=0'],
  ])('segmentTone/segmentLabel(%o) are %s and %s', (s, tone, label) => {
    expect(segmentTone(s)).toBe(tone);
    expect(segmentLabel(s)).toBe(label);
  });
});

describe('Figure 5 grid', () => {
  test('every one of the eleven states has a box, CLOSED two, and no two boxes share a cell', () => {
    expect(new Set(FIGURE5_GRID.map((g) => g.state))).toEqual(new Set(TCP_STATES));
    expect(new Set(FIGURE5_GRID.map((g) => `${g.col},${g.row}`)).size).toBe(FIGURE5_GRID.length);
  });

  test('every edge of the core\'s state machine is drawn between two boxes', () => {
    const layout = layoutDiagram(tcpDiagramNodes(), tcpDiagramEdges());
    expect(layout.edges).toHaveLength(tcpStateEdges().length);
  });

  test.each([
    // before the connection is synchronized, back to the top
    ['SYN-SENT', 'CLOSED'],
    ['LISTEN', 'CLOSED'],
    // after it, to the bottom box, as in Figure 5
    ['TIME-WAIT', 'CLOSED-end'],
    ['LAST-ACK', 'CLOSED-end'],
    ['ESTABLISHED', 'CLOSED-end'],
  ] as const)('closedNodeFor(%s) is %s', (from, id) => {
    expect(closedNodeFor(from)).toBe(id);
  });

  test('lastTransitions() gives each side\'s latest state event at a time', () => {
    const { trace } = ladderOf('handshake');
    const at = lastTransitions(trace, 200);
    expect([at.a?.to, at.b?.to]).toEqual(['ESTABLISHED', 'SYN-RECEIVED']);
    expect(lastTransitions(trace, -1)).toEqual({ a: null, b: null });
  });
});

describe('traceRows', () => {
  test('traceRows(handshake) has one row per event, segments in RFC notation', async () => {
    const { formatSegment } = await import('../../core/index.ts');
    const { trace } = ladderOf('handshake');
    const rows = traceRows(trace, sideNames(trace.scenario), formatSegment);
    expect(rows).toHaveLength(trace.events.length);
    expect(rows.find((r) => r.what === 'send')).toMatchObject({ t: 100, who: 'the client', detail: '<SEQ=100><CTL=SYN>' });
    expect(rows.at(-1)).toMatchObject({ who: 'simulator', what: 'end', detail: 'quiet: the client ESTABLISHED, the server ESTABLISHED' });
  });
});

describe('ladder labels of every preset', () => {
  const SIZES: [string, Partial<LadderOptions>][] = [
    // the lesson column (~630 px wide, 13 px labels)
    ['lesson', { width: 630, fontSize: 13 }],
    // the tool page on a phone: the ladder never draws narrower than its minimum
    ['narrowest', { width: 320, fontSize: 13 }],
    // presenter at 1920×1080: 32 px labels in a ladder about 985 px wide
    ['presenter 1920', { ...presenterLadderOptions(32), width: 985 }],
    // presenter at 1280×720
    ['presenter 1280', { ...presenterLadderOptions(21.33), width: 657 }],
  ];
  const cases = PRESETS.flatMap((p) => SIZES.map(([size, o]) => [p.name, size, o] as const));

  test.each(cases)('layoutLadder(%s) at %s size: no two labels overlap, none crosses its own arrow or a loss marker', (name, _size, o) => {
    const { ladder } = ladderOf(name);
    const l = layoutLadder(ladder, o);
    const boxes = l.arrows.map((a) => a.labelBox);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!), `${l.arrows[i]!.label} / ${l.arrows[j]!.label}`).toBe(false);
    }
    const lost = l.arrows.flatMap((a) => (a.lostBox === undefined ? [] : [a.lostBox]));
    for (const a of l.arrows) {
      expect(segmentHitsBox(a, a.labelBox)).toBe(false);
      for (const m of lost) expect(boxesOverlap(a.labelBox, m)).toBe(false);
    }
  });
});

describe('presenter sizes', () => {
  test('presenterDiagramOptions(32) fits "SYN-RECEIVED" at 32 px in a box, and Figure 5 in about 900 × 705 px', () => {
    const o = presenterDiagramOptions(32);
    expect(o.boxWidth!).toBeGreaterThan(12 * 32 * 0.62);
    const d = layoutDiagram(tcpDiagramNodes(), tcpDiagramEdges(), o);
    expect(d.width).toBeLessThanOrEqual(28.2 * 32); // the diagram column is 28.2 rem wide
    expect(d.height).toBeLessThan(720);
  });

  test('presenterLadderOptions(f) leaves room for a state name in each gutter and no time axis', () => {
    const o = presenterLadderOptions(32);
    expect(o.gutter!).toBeGreaterThan(12 * 32 * 0.62);
    expect(o.axis).toBe(0);
  });
});
