import { describe, expect, test } from 'vitest';
import { getPreset, narrateTrace, runScenario, sideNames, tcpStateEdges, TCP_STATES, type SimSegment } from '../../core/sim/index.ts';
import { layoutDiagram } from '../shared/diagram-layout.ts';
import { closedNodeFor, FIGURE5_GRID, lastTransitions, segmentLabel, segmentTone, tcpDiagramEdges, tcpDiagramNodes, tcpLadder, traceRows } from './layout.ts';

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
