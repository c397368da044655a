/**
 * validateTlsScenario and hostNameProblem: every problem named with a path, never a throw.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_RTT_MS, DEFAULT_SERVER_NAME, hostNameProblem, resolveTlsScenario, RTT_MAX_MS, RTT_MIN_MS, validateTlsScenario } from './scenario.ts';

const base = { transport: 'tcp', tls: '1.3', start: 'full' } as const;

describe('validateTlsScenario', () => {
  test('validateTlsScenario(minimal scenario) returns a clean copy and no problems', () => {
    const r = validateTlsScenario({ ...base });
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual(base);
  });

  test('validateTlsScenario keeps every optional field it was given', () => {
    const input = { ...base, name: 'x', rtt: 42.5, serverTime: 7, serverName: 'www.example.org' };
    expect(validateTlsScenario(input)).toEqual({ scenario: input, problems: [] });
  });

  test.each([
    // [why, input, path, message fragment]
    ['not an object', 42, '$', 'must be an object'],
    ['an array', [], '$', 'must be an object'],
    ['null', null, '$', 'must be an object'],
    ['missing transport', { tls: '1.3', start: 'full' }, '$.transport', 'is required'],
    ['missing tls', { transport: 'tcp', start: 'full' }, '$.tls', 'is required'],
    ['missing start', { transport: 'tcp', tls: '1.3' }, '$.start', 'is required'],
    ['unknown transport', { ...base, transport: 'sctp' }, '$.transport', 'must be one of "tcp", "quic"'],
    ['unknown version', { ...base, tls: '1.1' }, '$.tls', 'must be one of "1.2", "1.3"'],
    ['unknown start', { ...base, start: 'false-start' }, '$.start', 'must be one of'],
    ['unknown field', { ...base, delay: 50 }, '$.delay', 'unknown field "delay"'],
    ['rtt below the slider', { ...base, rtt: 0 }, '$.rtt', `at least ${RTT_MIN_MS} ms`],
    ['rtt above the slider', { ...base, rtt: 1001 }, '$.rtt', `at most ${RTT_MAX_MS} ms`],
    ['rtt not a number', { ...base, rtt: '100' }, '$.rtt', 'finite number'],
    ['rtt infinite', { ...base, rtt: Infinity }, '$.rtt', 'finite number'],
    ['negative server time', { ...base, serverTime: -1 }, '$.serverTime', 'at least 0 ms'],
    ['server name not a string', { ...base, serverName: 7 }, '$.serverName', 'must be a host name'],
    ['server name an IPv4 literal', { ...base, serverName: '203.0.113.10' }, '$.serverName', 'RFC 6066 §3'],
    ['name too long', { ...base, name: 'x'.repeat(201) }, '$.name', 'at most 200'],
    // RFC 9001 §4.2: QUIC clients must not offer TLS older than 1.3.
    ['QUIC with TLS 1.2', { transport: 'quic', tls: '1.2', start: 'full' }, '$.tls', 'RFC 9001 §4.2'],
    // RFC 8446 §2.3: 0-RTT is TLS 1.3.
    ['0-RTT with TLS 1.2', { transport: 'tcp', tls: '1.2', start: 'resumption-0rtt' }, '$.start', 'TLS 1.2 has no 0-RTT'],
    // RFC 8446 §4.1.4: HelloRetryRequest is a TLS 1.3 message.
    ['HelloRetryRequest with TLS 1.2', { transport: 'tcp', tls: '1.2', start: 'hello-retry' }, '$.start', 'TLS 1.3 only'],
  ])('validateTlsScenario reports %s at its path', (_why, input, path, fragment) => {
    const r = validateTlsScenario(input);
    expect(r.scenario).toBeUndefined();
    expect(r.problems.find((p) => p.path === path)?.message).toContain(fragment);
  });

  test('validateTlsScenario reports every problem at once, not only the first', () => {
    const r = validateTlsScenario({ transport: 'udp', tls: 1.3, rtt: -5, serverName: '::1', extra: true });
    expect(r.problems.map((p) => p.path).sort()).toEqual(['$.extra', '$.rtt', '$.serverName', '$.start', '$.tls', '$.transport']);
  });

  test('validateTlsScenario reports a hostile object instead of throwing', () => {
    const hostile = Object.defineProperty({ ...base }, 'rtt', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validateTlsScenario(hostile).problems).toEqual([{ path: '$', message: 'could not be read: boom' }]);
  });
});

describe('hostNameProblem', () => {
  test.each([
    ['example.com'],
    ['www.example.org'],
    ['localhost'],
    ['xn--bcher-kva.example'], // an internationalised name as its A-label
    ['3com.example'], // RFC 1123 §2.1 lets a label start with a digit
    [`${'a'.repeat(63)}.example`],
  ])('hostNameProblem(%s) accepts a host name', (name) => {
    expect(hostNameProblem(name)).toBeNull();
  });

  test.each([
    ['', 'empty'],
    ['192.0.2.1', 'IPv4 address'],
    ['2001:db8::1', 'IPv6 address'],
    ['[2001:db8::1]', 'IPv6 address'],
    ['example.com.', 'trailing dot'],
    ['a..example', 'empty label'],
    ['.example', 'empty label'],
    ['-bad.example', 'label "-bad"'],
    ['under_score.example', 'label "under_score"'],
    ['bücher.example', 'A-labels'],
    [`${'a'.repeat(64)}.example`, 'label of 64 characters'],
    [`${'abcdefghi.'.repeat(26)}com`, 'at most 253'],
    ['host.123', 'all-numeric'],
  ])('hostNameProblem(%j) says why it is not a host name', (name, fragment) => {
    expect(hostNameProblem(name)).toContain(fragment);
  });
});

describe('resolveTlsScenario', () => {
  test('resolveTlsScenario fills in the default RTT, server time and server name', () => {
    expect(resolveTlsScenario({ ...base })).toEqual({ ...base, name: '', rtt: DEFAULT_RTT_MS, serverTime: 0, serverName: DEFAULT_SERVER_NAME });
  });
});
