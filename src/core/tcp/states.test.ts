import { describe, expect, test } from 'vitest';
import { TCP_STATES, findStateEdge, isLegalTransition, isSynchronized, stateFamily, tcpStateEdges } from './states.ts';
import type { TcpState } from './states.ts';


/** The edges drawn in RFC 9293 Figure 5, read off the figure. */
const FIGURE_5: [TcpState, TcpState][] = [
  ['CLOSED', 'LISTEN'],
  ['CLOSED', 'SYN-SENT'],
  ['LISTEN', 'SYN-RECEIVED'],
  ['LISTEN', 'SYN-SENT'],
  ['LISTEN', 'CLOSED'],
  ['SYN-SENT', 'SYN-RECEIVED'],
  ['SYN-SENT', 'ESTABLISHED'],
  ['SYN-SENT', 'CLOSED'],
  ['SYN-RECEIVED', 'ESTABLISHED'],
  ['SYN-RECEIVED', 'FIN-WAIT-1'],
  ['SYN-RECEIVED', 'LISTEN'],
  ['ESTABLISHED', 'FIN-WAIT-1'],
  ['ESTABLISHED', 'CLOSE-WAIT'],
  ['FIN-WAIT-1', 'FIN-WAIT-2'],
  ['FIN-WAIT-1', 'CLOSING'],
  ['FIN-WAIT-2', 'TIME-WAIT'],
  ['CLOSE-WAIT', 'LAST-ACK'],
  ['CLOSING', 'TIME-WAIT'],
  ['LAST-ACK', 'CLOSED'],
  ['TIME-WAIT', 'CLOSED'],
];

describe('the RFC 9293 state diagram', () => {
  test('TCP_STATES lists the eleven states of §3.3.2 with the RFC spellings', () => {
    expect(TCP_STATES).toEqual([
      'CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1',
      'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT',
    ]);
  });

  test.each(FIGURE_5)('tcpStateEdges() contains the Figure 5 edge %s → %s, marked as drawn', (from, to) => {
    expect(findStateEdge(from, to)?.inFigure).toBe(true);
  });

  test('tcpStateEdges() adds note 2 (FIN-WAIT-1 → TIME-WAIT) and the closes by RST, ABORT and timeout', () => {
    expect(isLegalTransition('FIN-WAIT-1', 'TIME-WAIT')).toBe(true);
    for (const s of ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'SYN-RECEIVED'] as const) {
      expect(isLegalTransition(s, 'CLOSED')).toBe(true);
    }
  });

  test('isLegalTransition() refuses shortcuts the RFC never takes', () => {
    expect(isLegalTransition('CLOSED', 'ESTABLISHED')).toBe(false);
    expect(isLegalTransition('LISTEN', 'ESTABLISHED')).toBe(false);
    expect(isLegalTransition('ESTABLISHED', 'TIME-WAIT')).toBe(false);
    expect(isLegalTransition('CLOSE-WAIT', 'TIME-WAIT')).toBe(false);
    expect(isLegalTransition('TIME-WAIT', 'LISTEN')).toBe(false);
  });

  test('tcpStateEdges() has one entry per (from, to) pair, no self-loops, and every state is reachable from CLOSED', () => {
    const edges = tcpStateEdges();
    const keys = edges.map((e) => `${e.from}>${e.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(edges.filter((e) => e.from === e.to)).toEqual([]);
    const seen = new Set<TcpState>(['CLOSED']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const e of edges) {
        if (seen.has(e.from) && !seen.has(e.to)) {
          seen.add(e.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...TCP_STATES].sort());
  });

  test('isSynchronized() is true from ESTABLISHED on (§3.5.2)', () => {
    expect(TCP_STATES.filter(isSynchronized)).toEqual(TCP_STATES.slice(4));
  });

  test.each([
    // opening states share a colour
    ['SYN-SENT', 'opening'],
    ['SYN-RECEIVED', 'opening'],
    // all closing states but TIME-WAIT share one
    ['LAST-ACK', 'closing'],
    // TIME-WAIT has its own token
    ['TIME-WAIT', 'time-wait'],
  ] as const)('stateFamily(%s) is %s, matching the --pl-state-* tokens', (state, family) => {
    expect(stateFamily(state)).toBe(family);
  });
});
