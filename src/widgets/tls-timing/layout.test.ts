/**
 * The TLS timing widget's pure layout: ladder data from a trace, the shared timeline, the trace
 * table rows and the time-to-first-byte bars.
 */
import { describe, expect, test } from 'vitest';
import { narrateTlsTrace, runTlsScenario, getTlsPreset, tlsTiming, type TlsMessageEvent, type TlsScenario } from '../../core/tls/index.ts';
import { arrowLabel, currentRange, flightTone, MILESTONE_MARK, tlsLadder, tlsTraceRows, ttfbBars, ttfbText, unionTimes } from './layout.ts';

function trace(name: string, extra: Partial<TlsScenario> = {}) {
  const p = getTlsPreset(name);
  if (p === undefined) throw new Error(name);
  return runTlsScenario({ ...p.scenario, ...extra });
}

function flights(name: string): TlsMessageEvent[] {
  return trace(name).events.filter((e): e is TlsMessageEvent => e.type === 'message');
}

describe('flightTone', () => {
  test('flightTone colours the TCP handshake blue, a bare ACK green, TLS amber and HTTP purple', () => {
    expect(flights('tcp-tls13').map(flightTone)).toEqual(['syn', 'syn', 'fin', 'fin', 'psh', 'psh']);
    expect(flights('quic-0rtt').map(flightTone)).toEqual(['psh', 'psh', 'fin', 'fin']);
  });
});

describe('arrowLabel', () => {
  test('arrowLabel leaves supported_versions and psk_key_exchange_modes off the arrow but keeps the rest', () => {
    expect(arrowLabel(flights('tcp-tls13')[2]!)).toBe('ACK, ClientHello +key_share +server_name');
    expect(arrowLabel(flights('quic-0rtt')[0]!)).toBe('ClientHello +early_data +key_share +pre_shared_key +server_name, {HTTP request (early data)}');
  });
});

describe('tlsLadder', () => {
  test('tlsLadder draws one delivered arrow per flight, from sender to receiver, half a round trip long', () => {
    const tr = trace('tcp-tls12');
    const data = tlsLadder(tr, unionTimes(narrateTlsTrace(tr)));
    expect(data.lanes).toEqual([
      { id: 'client', label: 'Client', sublabel: '192.0.2.10:49152' },
      { id: 'server', label: 'Server', sublabel: '203.0.113.10:443 TCP' },
    ]);
    expect(data.arrows.map((a) => `${a.t0}-${a.t1} ${a.from}>${a.to}`)).toEqual([
      '0-50 client>server',
      '50-100 server>client',
      '100-150 client>server',
      '150-200 server>client',
      '200-250 client>server',
      '250-300 server>client',
      '300-350 client>server',
      '350-400 server>client',
    ]);
    expect(data.arrows.every((a) => a.status === 'delivered' && a.reach === 1)).toBe(true);
    expect(data.arrows[3]?.description).toBe('ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, server to client, in clear');
    expect(data.arrows[7]?.description).toBe('{HTTP response}, server to client, all encrypted');
  });

  test('tlsLadder marks one milestone per instant on the client lane, the most telling one', () => {
    const tr = trace('tcp-tls13');
    const marks = tlsLadder(tr, unionTimes(narrateTlsTrace(tr))).marks;
    // 200 ms has both the finished handshake and the request: the handshake wins, the arrow shows the request.
    expect(marks.map((m) => `${m.t} ${m.lane} ${m.label}`)).toEqual(['100 client TCP open', '200 client TLS ready', '300 client 1st byte']);
    const quick = trace('quic-0rtt');
    expect(tlsLadder(quick, [0]).marks.map((m) => `${m.t} ${m.label}`)).toEqual(['0 request', '100 1st byte']);
    expect(Object.values(MILESTONE_MARK).every((m) => m.label.length <= 9)).toBe(true);
  });

  test('tlsLadder uses the shared timeline as its rows and says UDP for QUIC', () => {
    const data = tlsLadder(trace('quic'), [0, 50, 100, 150, 200, 250, 300]);
    expect(data.rows.map((r) => r.label)).toEqual(['0 ms', '50 ms', '100 ms', '150 ms', '200 ms', '250 ms', '300 ms']);
    expect(data.lanes[1]?.sublabel).toBe('203.0.113.10:443 UDP');
  });

  test('tlsLadder draws the server time as a span on the server lane, and none without it', () => {
    expect(tlsLadder(trace('quic', { serverTime: 40 }), [0]).spans).toEqual([{ id: 'server-time', lane: 'server', t0: 150, t1: 190, label: 'server 40 ms', tone: 'server' }]);
    expect(tlsLadder(trace('quic'), [0]).spans).toEqual([]);
  });
});

describe('unionTimes and currentRange', () => {
  test('unionTimes merges the step times of two runs without repeats, in order', () => {
    const a = narrateTlsTrace(trace('quic'));
    const b = narrateTlsTrace(trace('tcp-tls12', { serverTime: 30 }));
    expect(unionTimes(a, b)).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 380, 430]);
  });

  test('currentRange gives the event range of the step at exactly t, or an empty range', () => {
    const steps = narrateTlsTrace(trace('quic'));
    expect(currentRange(steps, 50)).toEqual({ first: steps[1]!.first, end: steps[1]!.end });
    expect(currentRange(steps, 75)).toEqual({ first: -1, end: -1 });
  });
});

describe('tlsTraceRows', () => {
  test('tlsTraceRows gives every event a row, with QUIC packet types, extensions and encryption', () => {
    const tr = trace('quic');
    const rows = tlsTraceRows(tr);
    expect(rows).toHaveLength(tr.events.length);
    expect(rows[0]).toEqual({
      index: 0,
      t: 0,
      time: '0 ms',
      who: 'client',
      what: 'send (tls)',
      detail: 'Initial: ClientHello (supported_versions, key_share, server_name) → arrives 50 ms',
    });
    expect(rows.find((r) => r.what === 'first-byte')?.detail).toBe('2 round trips (RFC 9114 §4.1)');
    expect(rows.at(-1)).toMatchObject({ who: 'simulator', what: 'end', detail: 'complete' });
  });
});

describe('ttfbBars', () => {
  test('ttfbText writes the round trips and the first byte the way the widget shows them', () => {
    expect(ttfbText('TCP + TLS 1.3', tlsTiming(trace('tcp-tls13'))!)).toBe('TCP + TLS 1.3: 2 round trips before the request · first byte at 300 ms');
    expect(ttfbText('QUIC', tlsTiming(trace('quic', { rtt: 1000 }))!)).toBe('QUIC: 1 round trip before the request · first byte at 2 s');
  });

  test('ttfbBars scales both bars to the slower first byte and puts a tick at every round trip', () => {
    const { bars, x } = ttfbBars([
      { title: 'TCP + TLS 1.2', timing: tlsTiming(trace('tcp-tls12')) },
      { title: 'QUIC', timing: tlsTiming(trace('quic')) },
    ]);
    expect(bars.map((b) => b.width)).toEqual([100, 50]);
    expect(bars[0]?.ticks).toEqual([25, 50, 75, 100]);
    expect(bars[1]?.ticks).toEqual([25, 50]);
    expect(x(200)).toBe(50);
    expect(x(9999)).toBe(100);
  });

  test('ttfbBars shows an invalid run as an empty bar with a note', () => {
    const { bars } = ttfbBars([{ title: 'Broken', timing: null }]);
    expect(bars).toEqual([{ title: 'Broken', text: 'Broken: invalid scenario', width: 0, ticks: [] }]);
  });
});
