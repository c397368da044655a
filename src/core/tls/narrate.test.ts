/**
 * narrateTlsTrace and tlsCaptionAt: one step per instant, captions that say what the RFC figures
 * show, and a caption for a run that has nothing happening at a shared step.
 */
import { describe, expect, test } from 'vitest';
import { narrateTlsTrace, tlsCaptionAt } from './narrate.ts';
import { getTlsPreset, TLS_PRESETS } from './presets/index.ts';
import { runTlsScenario } from './run.ts';
import type { TlsScenario } from './scenario.ts';

function trace(name: string, extra: Partial<TlsScenario> = {}) {
  const p = getTlsPreset(name);
  if (p === undefined) throw new Error(name);
  return runTlsScenario({ ...p.scenario, ...extra });
}

describe('narrateTlsTrace', () => {
  test.each(TLS_PRESETS.map((p) => [p.name] as const))('narrateTlsTrace(%s) has one step per half round trip, in strictly increasing time, covering every event', (name) => {
    const tr = trace(name);
    const steps = narrateTlsTrace(tr);
    expect(steps.map((s) => s.t)).toEqual(steps.map((_, i) => i * 50));
    expect(steps[0]?.first).toBe(0);
    expect(steps.at(-1)?.end).toBe(tr.events.length);
    for (let i = 1; i < steps.length; i++) expect(steps[i]?.first).toBe(steps[i - 1]?.end);
    for (const s of steps) expect(s.caption).toBe(s.sentences.join(' '));
  });

  test('narrateTlsTrace(tcp-tls13) tells the handshake as RFC 8446 Figure 1 draws it', () => {
    const captions = narrateTlsTrace(trace('tcp-tls13')).map((s) => s.caption);
    expect(captions).toEqual([
      'The client sends SYN to open a TCP connection to port 443 (RFC 9293 §3.5).',
      'The server receives the SYN and sends SYN-ACK (RFC 9293 §3.5).',
      "The client receives the SYN-ACK. The client's TCP connection is open after 1 round trip (100 ms); only now can TLS begin (RFC 9293 §3.5). The client sends ACK, then ClientHello for example.com with a key share in clear (RFC 9293 §3.5; RFC 8446 §2).",
      'The server receives the ClientHello and sends ServerHello in clear, then, encrypted, EncryptedExtensions, Certificate, CertificateVerify and Finished (RFC 8446 §2).',
      "The client receives the ServerHello flight. The handshake is complete for the client after 2 round trips (200 ms): it has the server's Finished and the keys. The HTTP request leaves after 2 round trips (200 ms). The client sends Finished and the HTTP request, encrypted (RFC 8446 §2; RFC 9112 §9.7).",
      'The server receives the Finished and HTTP request and sends the HTTP response, encrypted (RFC 9112 §9.7).',
      'The client receives the HTTP response. The first byte of the response arrives at 300 ms: 2 round trips before the request + 1 for the request and its answer.',
    ]);
  });

  test('narrateTlsTrace says where QUIC carries the messages and that 0-RTT sends the request at once', () => {
    const first = narrateTlsTrace(trace('quic-0rtt'))[0]?.caption;
    expect(first).toBe(
      'The HTTP request leaves in the very first flight: 0 round trips before the request. The client sends ClientHello for example.com with a pre-shared key from an earlier session in clear, then, encrypted, the HTTP request as early data in QUIC Initial and 0-RTT packets (RFC 8446 §2.3; RFC 9000 §7).',
    );
  });

  test('narrateTlsTrace counts the server time in the first-byte sentence', () => {
    const last = narrateTlsTrace(trace('tcp-tls12', { serverTime: 25 })).at(-1)?.caption;
    expect(last).toBe('The client receives the HTTP response. The first byte of the response arrives at 425 ms: 3 round trips before the request + 1 for the request and its answer + 25 ms of server time.');
  });

  test('narrateTlsTrace names HelloRetryRequest and the second ClientHello', () => {
    const captions = narrateTlsTrace(trace('tcp-tls13-hello-retry')).map((s) => s.caption);
    expect(captions[3]).toBe('The server receives the ClientHello and sends HelloRetryRequest (a key share in another group, please) in clear (RFC 8446 §4.1.4).');
    expect(captions[4]).toBe('The client receives the HelloRetryRequest and sends ClientHello for example.com with a key share in clear (RFC 8446 §2.1).');
  });

  test('narrateTlsTrace of an invalid trace is one step naming the problems', () => {
    const steps = narrateTlsTrace(runTlsScenario({ transport: 'quic', tls: '1.2', start: 'full' }));
    expect(steps).toHaveLength(1);
    expect(steps[0]?.caption).toContain('The scenario is invalid ($.tls: QUIC runs TLS 1.3 only');
  });
});

describe('tlsCaptionAt', () => {
  test('tlsCaptionAt returns the caption of a step at exactly t', () => {
    const tr = trace('quic');
    const steps = narrateTlsTrace(tr);
    expect(tlsCaptionAt(tr, steps, 50)).toBe(steps[1]?.caption);
  });

  test('tlsCaptionAt after the last step says the run is over and when the first byte came', () => {
    const tr = trace('quic');
    expect(tlsCaptionAt(tr, narrateTlsTrace(tr), 400)).toBe('Nothing more happens here: the first byte arrived at 200 ms, after 1 round trip before the request.');
  });

  test('tlsCaptionAt between steps names the flight on its way', () => {
    const tr = trace('tcp-tls13');
    expect(tlsCaptionAt(tr, narrateTlsTrace(tr), 25)).toBe('Waiting: the SYN on its way to the server.');
  });

  test('tlsCaptionAt while the server works on the request says so', () => {
    const tr = trace('quic', { serverTime: 60 });
    // 150 ms: HANDSHAKE_DONE leaves; 160 ms: it is still in flight; 200–210 ms: nothing moves.
    expect(tlsCaptionAt(tr, narrateTlsTrace(tr), 205)).toBe('Waiting: the server is working on the request.');
  });
});
