/**
 * tlsTiming, observerView and flightsInFlight: what the widget's bars and observer panel read.
 */
import { describe, expect, test } from 'vitest';
import { getTlsPreset } from './presets/index.ts';
import { flightsInFlight, observerView, tlsTiming } from './query.ts';
import { runTlsScenario } from './run.ts';
import type { TlsScenario } from './scenario.ts';

function trace(name: string, extra: Partial<TlsScenario> = {}) {
  const p = getTlsPreset(name);
  if (p === undefined) throw new Error(name);
  return runTlsScenario({ ...p.scenario, ...extra });
}

describe('tlsTiming', () => {
  test('tlsTiming(tcp-tls12) reads every milestone', () => {
    expect(tlsTiming(trace('tcp-tls12', { rtt: 80, serverTime: 5 }))).toEqual({
      rtt: 80,
      serverTime: 5,
      roundTripsBeforeRequest: 3,
      requestAt: 240,
      firstByteAt: 325,
      handshakeCompleteAt: 240,
      tcpEstablishedAt: 80,
      flights: 8,
    });
  });
});

describe('observerView', () => {
  test('observerView before the ClientHello passes shows addresses and ports but no server name', () => {
    const v = observerView(trace('tcp-tls13'), 0);
    expect(v).toMatchObject({ transport: 'TCP', client: '192.0.2.10:49152', server: '203.0.113.10:443', serverName: null, certificate: 'not-yet' });
    expect(v?.seen.map((s) => s.label)).toEqual(['SYN']);
  });

  test('observerView reads the SNI from the ClientHello once it has been sent', () => {
    const tr = trace('tcp-tls13', { serverName: 'shop.example.net' });
    expect(observerView(tr, 99)?.serverName).toBeNull();
    expect(observerView(tr, 100)?.serverName).toBe('shop.example.net');
  });

  test.each([
    // [preset, time, certificate as the observer sees it]
    ['tcp-tls12', 150, 'in-clear'], // RFC 5246 §7.3: Certificate before ChangeCipherSpec
    ['tcp-tls13', 150, 'encrypted'], // RFC 8446 §2: {Certificate}
    ['quic', 50, 'encrypted'],
    ['tcp-tls13-0rtt', 100, 'not-yet'],
    ['tcp-tls13-0rtt', 150, 'not-sent'], // RFC 8446 §2.3: a PSK handshake has no Certificate
    ['quic-0rtt', 50, 'not-sent'],
  ] as const)('observerView(%s at %d ms) sees the certificate as %s', (name, t, cert) => {
    expect(observerView(trace(name), t)?.certificate).toBe(cert);
  });

  test('observerView of QUIC says UDP and that Initial packets are readable', () => {
    const v = observerView(trace('quic'), 0);
    expect(v?.transport).toBe('UDP');
    expect(v?.serverName).toBe('example.com');
    expect(v?.seen[0]?.text).toContain('anyone on the path can decrypt it (RFC 9001 §5.2)');
  });

  test('observerView notes the certificate in clear for TLS 1.2 and only sizes and timing for TLS 1.3', () => {
    expect(observerView(trace('tcp-tls12'), 0)?.notes.join(' ')).toContain('certificate in clear');
    expect(observerView(trace('tcp-tls13'), 0)?.notes.join(' ')).toContain('record sizes and timing');
    expect(observerView(trace('quic-0rtt'), 0)?.notes.join(' ')).toContain('replay (RFC 8446 §2.3)');
  });

  test('observerView lists the flights seen so far, oldest first, with their encryption', () => {
    const v = observerView(trace('tcp-tls13'), 200);
    expect(v?.seen.map((s) => [s.t, s.from, s.encrypted])).toEqual([
      [0, 'client', false],
      [50, 'server', false],
      [100, 'client', false],
      [150, 'server', false],
      [200, 'client', true],
    ]);
  });

  test('observerView of an invalid trace is null', () => {
    expect(observerView(runTlsScenario({}), 0)).toBeNull();
  });
});

describe('flightsInFlight', () => {
  test('flightsInFlight gives the flights sent before t and arriving after it', () => {
    const tr = trace('tcp-tls13');
    expect(flightsInFlight(tr, 120).map((f) => f.label)).toEqual(['ACK, ClientHello +supported_versions +key_share +server_name']);
    expect(flightsInFlight(tr, 100)).toEqual([]);
  });
});
