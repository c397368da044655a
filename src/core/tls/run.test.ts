/**
 * runTlsScenario: the flights of the RFC figures, their order and protection, and the timing
 * they add up to. Round trips and time to first byte are pinned for every preset at several
 * RTTs, computed in the test from the formula TTFB = (round trips before the request + 1) × RTT
 * + server time.
 */
import { describe, expect, test } from 'vitest';
import { getTlsPreset, TLS_PRESETS, type TlsPresetName } from './presets/index.ts';
import { tlsTiming } from './query.ts';
import { runTlsScenario } from './run.ts';
import type { TlsScenario } from './scenario.ts';
import type { TlsMessage, TlsMessageEvent, TlsMilestoneEvent, TlsTrace } from './trace.ts';

function scenarioOf(name: TlsPresetName, extra: Partial<TlsScenario> = {}): TlsScenario {
  const p = getTlsPreset(name);
  if (p === undefined) throw new Error(`no preset ${name}`);
  return { ...p.scenario, ...extra };
}

function run(name: TlsPresetName, extra: Partial<TlsScenario> = {}): TlsTrace {
  return runTlsScenario(scenarioOf(name, extra));
}

function flights(trace: TlsTrace): TlsMessageEvent[] {
  return trace.events.filter((e): e is TlsMessageEvent => e.type === 'message');
}

function messages(trace: TlsTrace): TlsMessage[] {
  return flights(trace).flatMap((f) => f.messages);
}

/** Round trips before the client can send its HTTP request on a fresh connection (FACTS.md §7). */
const ROUND_TRIPS_BEFORE_REQUEST: Record<TlsPresetName, number> = {
  'tcp-tls12': 3, // TCP (RFC 9293 §3.5) + two TLS 1.2 round trips (RFC 5246 §7.3)
  'tcp-tls13': 2, // TCP + one TLS 1.3 round trip (RFC 8446 §2)
  'tcp-tls13-hello-retry': 3, // one more for HelloRetryRequest (RFC 8446 §2.1)
  'tcp-tls13-0rtt': 1, // TCP still needed; early data rides with the ClientHello (RFC 8446 §2.3)
  quic: 1, // transport and TLS handshakes merged (RFC 9000 §7)
  'quic-0rtt': 0, // the request is in the first flight (RFC 9000 §7.1)
};

const RTTS = [1, 20, 100, 333, 1000];
const SERVER_TIMES = [0, 37];

describe('runTlsScenario timing', () => {
  const cases = TLS_PRESETS.flatMap((p) => RTTS.flatMap((rtt) => SERVER_TIMES.map((serverTime) => [p.name, rtt, serverTime] as const)));

  test.each(cases)('runTlsScenario(%s, rtt %d ms, server time %d ms) sends the request and gets the first byte when the formula says', (name, rtt, serverTime) => {
    const timing = tlsTiming(run(name, { rtt, serverTime }));
    const rounds = ROUND_TRIPS_BEFORE_REQUEST[name];
    expect(timing?.roundTripsBeforeRequest).toBe(rounds);
    expect(timing?.requestAt).toBe(rounds * rtt);
    expect(timing?.firstByteAt).toBe((rounds + 1) * rtt + serverTime);
  });

  test.each(TLS_PRESETS.map((p) => [p.name, p.scenario.transport] as const))('runTlsScenario(%s) opens TCP after one round trip, or never over QUIC', (name, transport) => {
    expect(tlsTiming(run(name))?.tcpEstablishedAt).toBe(transport === 'tcp' ? 100 : null);
  });

  test.each([
    // [preset, handshake complete for the client after n round trips]
    ['tcp-tls12', 3],
    ['tcp-tls13', 2],
    ['tcp-tls13-hello-retry', 3],
    ['tcp-tls13-0rtt', 2], // the server's Finished arrives one round trip after the early data left
    ['quic', 1],
    ['quic-0rtt', 1],
  ] as const)('runTlsScenario(%s) completes the handshake for the client after %d round trips', (name, rounds) => {
    const done = run(name).events.find((e): e is TlsMilestoneEvent => e.type === 'milestone' && e.milestone === 'handshake-complete');
    expect(done?.roundTrips).toBe(rounds);
    expect(done?.t).toBe(rounds * 100);
  });

  test('runTlsScenario puts every flight half a round trip on the wire and a receive at its arrival', () => {
    for (const p of TLS_PRESETS) {
      const trace = runTlsScenario({ ...p.scenario, rtt: 70 });
      for (const f of flights(trace)) {
        expect(f.t1 - f.t).toBe(35);
        expect(trace.events.filter((e) => e.type === 'receive' && e.id === f.id && e.t === f.t1 && e.on === f.to)).toHaveLength(1);
      }
    }
  });
});

describe('runTlsScenario flights follow the RFC figures', () => {
  test.each<[TlsPresetName, string[]]>([
    [
      'tcp-tls12', // RFC 9293 Figure 6, then RFC 5246 §7.3 Figure 1
      [
        'client: SYN',
        'server: SYN-ACK',
        'client: ACK, ClientHello +server_name',
        'server: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone',
        'client: ClientKeyExchange, ChangeCipherSpec, {Finished}',
        'server: ChangeCipherSpec, {Finished}',
        'client: {HTTP request}',
        'server: {HTTP response}',
      ],
    ],
    [
      'tcp-tls13', // RFC 8446 §2 Figure 1
      [
        'client: SYN',
        'server: SYN-ACK',
        'client: ACK, ClientHello +supported_versions +key_share +server_name',
        'server: ServerHello +key_share, {EncryptedExtensions}, {Certificate}, {CertificateVerify}, {Finished}',
        'client: {Finished}, {HTTP request}',
        'server: {HTTP response}',
      ],
    ],
    [
      'tcp-tls13-hello-retry', // RFC 8446 §2.1 Figure 2
      [
        'client: SYN',
        'server: SYN-ACK',
        'client: ACK, ClientHello +supported_versions +key_share +server_name',
        'server: HelloRetryRequest +key_share',
        'client: ClientHello +supported_versions +key_share +server_name',
        'server: ServerHello +key_share, {EncryptedExtensions}, {Certificate}, {CertificateVerify}, {Finished}',
        'client: {Finished}, {HTTP request}',
        'server: {HTTP response}',
      ],
    ],
    [
      'tcp-tls13-0rtt', // RFC 8446 §2.3 Figure 4: no Certificate with a PSK; EndOfEarlyData closes the early data
      [
        'client: SYN',
        'server: SYN-ACK',
        'client: ACK, ClientHello +early_data +key_share +psk_key_exchange_modes +pre_shared_key +server_name, {HTTP request (early data)}',
        'server: ServerHello +pre_shared_key +key_share, {EncryptedExtensions +early_data}, {Finished}, {HTTP response}',
        'client: {EndOfEarlyData}, {Finished}',
      ],
    ],
    [
      'quic', // RFC 9000 §7.1 Figure 5
      [
        'client: ClientHello +supported_versions +key_share +server_name',
        'server: ServerHello +key_share, {EncryptedExtensions}, {Certificate}, {CertificateVerify}, {Finished}',
        'client: {Finished}, {HTTP request}',
        'server: {HANDSHAKE_DONE}, {HTTP response}',
      ],
    ],
    [
      'quic-0rtt', // RFC 9000 §7.1 Figure 6; no EndOfEarlyData in QUIC (RFC 9001 §8.3)
      [
        'client: ClientHello +early_data +key_share +psk_key_exchange_modes +pre_shared_key +server_name, {HTTP request (early data)}',
        'server: ServerHello +pre_shared_key +key_share, {EncryptedExtensions +early_data}, {Finished}, {HTTP response}',
        'client: {Finished}',
        'server: {HANDSHAKE_DONE}',
      ],
    ],
  ])('runTlsScenario(%s) sends these flights in this order', (name, expected) => {
    expect(flights(run(name)).map((f) => `${f.from}: ${f.label}`)).toEqual(expected);
  });

  test('runTlsScenario keeps the server time as a gap between request and response, in its own flight', () => {
    const f = flights(run('quic', { serverTime: 40 }));
    expect(f.map((x) => `${x.t} ${x.from}: ${x.label}`)).toEqual([
      '0 client: ClientHello +supported_versions +key_share +server_name',
      '50 server: ServerHello +key_share, {EncryptedExtensions}, {Certificate}, {CertificateVerify}, {Finished}',
      '100 client: {Finished}, {HTTP request}',
      '150 server: {HANDSHAKE_DONE}',
      '190 server: {HTTP response}',
    ]);
  });

  test('runTlsScenario carries QUIC messages in the packet types of RFC 9000 Figure 5', () => {
    expect(messages(run('quic')).map((m) => `${m.packet}: ${m.name}`)).toEqual([
      'Initial: ClientHello',
      'Initial: ServerHello',
      'Handshake: EncryptedExtensions',
      'Handshake: Certificate',
      'Handshake: CertificateVerify',
      'Handshake: Finished',
      'Handshake: Finished',
      '1-RTT: HTTP request',
      '1-RTT: HANDSHAKE_DONE',
      '1-RTT: HTTP response',
    ]);
    expect(messages(run('quic-0rtt')).find((m) => m.name === 'HTTP request')?.packet).toBe('0-RTT');
    expect(messages(run('tcp-tls13')).every((m) => m.packet === undefined)).toBe(true);
  });

  test('runTlsScenario gives each message its layer and each flight its highest layer', () => {
    const f = flights(run('tcp-tls13'));
    expect(f.map((x) => x.layer)).toEqual(['tcp', 'tcp', 'tls', 'tls', 'http', 'http']);
    expect(f[2]?.messages.map((m) => m.layer)).toEqual(['tcp', 'tls']);
    expect(flights(run('quic-0rtt')).map((x) => x.layer)).toEqual(['http', 'http', 'tls', 'quic']);
  });

  test('runTlsScenario names the SNI host name it was given in the ClientHello observer text', () => {
    const hello = flights(run('tcp-tls13', { serverName: 'shop.example.net' }))[2];
    expect(hello?.observer).toContain('shop.example.net');
  });
});

describe('runTlsScenario encryption', () => {
  test.each(['tcp-tls13', 'tcp-tls13-hello-retry', 'tcp-tls13-0rtt', 'quic', 'quic-0rtt'] as const)(
    'runTlsScenario(%s) encrypts every message after the ServerHello and nothing of the hellos (RFC 8446 §2)',
    (name) => {
      const all = messages(run(name));
      const sh = all.findIndex((m) => m.name === 'ServerHello');
      expect(sh).toBeGreaterThan(0);
      expect(all.slice(sh + 1).every((m) => m.encrypted)).toBe(true);
      expect(all.filter((m) => ['ClientHello', 'HelloRetryRequest', 'ServerHello'].includes(m.name)).every((m) => !m.encrypted)).toBe(true);
      expect(all.find((m) => m.name === 'Certificate')?.encrypted ?? true).toBe(true);
    },
  );

  test('runTlsScenario(tcp-tls12) sends the certificate in clear and encrypts from Finished on (RFC 5246 §7.3, §7.4.9)', () => {
    const all = messages(run('tcp-tls12'));
    expect(all.map((m) => `${m.name}${m.encrypted ? '*' : ''}`)).toEqual([
      'SYN',
      'SYN-ACK',
      'ACK',
      'ClientHello',
      'ServerHello',
      'Certificate',
      'ServerKeyExchange',
      'ServerHelloDone',
      'ClientKeyExchange',
      'ChangeCipherSpec',
      'Finished*',
      'ChangeCipherSpec',
      'Finished*',
      'HTTP request*',
      'HTTP response*',
    ]);
  });

  test('runTlsScenario encrypts the early data, marks it early, and sends no certificate on resumption (RFC 8446 §2.3)', () => {
    for (const name of ['tcp-tls13-0rtt', 'quic-0rtt'] as const) {
      const all = messages(run(name));
      const early = all.filter((m) => m.early === true);
      expect(early.map((m) => [m.name, m.encrypted])).toEqual([['HTTP request', true]]);
      expect(all.some((m) => m.name === 'Certificate' || m.name === 'CertificateVerify')).toBe(false);
    }
  });

  test('runTlsScenario marks a flight encrypted only when all its messages are', () => {
    const f = flights(run('tcp-tls13'));
    expect(f.map((x) => x.encrypted)).toEqual([false, false, false, false, true, true]);
  });
});

describe('runTlsScenario on invalid input', () => {
  test.each([
    ['QUIC with TLS 1.2', { transport: 'quic', tls: '1.2', start: 'full' }],
    ['not a scenario', 'tcp'],
    ['an rtt outside the slider', { transport: 'tcp', tls: '1.3', start: 'full', rtt: 5000 }],
  ])('runTlsScenario(%s) returns an invalid trace with the problems instead of throwing', (_why, input) => {
    const trace = runTlsScenario(input);
    expect(trace.scenario).toBeNull();
    expect(trace.problems.length).toBeGreaterThan(0);
    expect(trace.events.map((e) => e.type)).toEqual(['error', 'end']);
    expect(trace.events.at(-1)).toMatchObject({ reason: 'invalid' });
    expect(tlsTiming(trace)).toBeNull();
  });
});

describe('runTlsScenario trace shape', () => {
  test('runTlsScenario orders arrivals before milestones before departures at one instant, and ends last', () => {
    const trace = run('tcp-tls13');
    const at200 = trace.events.filter((e) => e.t === 200).map((e) => (e.type === 'milestone' ? e.milestone : e.type));
    expect(at200).toEqual(['receive', 'handshake-complete', 'request-sent', 'message']);
    expect(trace.events.at(-1)).toEqual({ type: 'end', t: 300, reason: 'complete' });
  });

  test('runTlsScenario returns the resolved scenario with the trace', () => {
    expect(run('quic', { rtt: 20 }).scenario).toEqual({ name: 'quic', transport: 'quic', tls: '1.3', start: 'full', rtt: 20, serverTime: 0, serverName: 'example.com' });
  });
});
