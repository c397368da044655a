import { describe, expect, test } from 'vitest';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_LIST_BYTES, resolveFtpScenario, validateFtpScenario, type FtpScenario } from './scenario.ts';

const base: FtpScenario = { mode: 'passive', client: {}, server: {} };
const nat = { kind: 'nat', publicAddress: '203.0.113.5' } as const;

describe('validateFtpScenario', () => {
  test('validateFtpScenario accepts the smallest scenario and returns a clean copy', () => {
    expect(validateFtpScenario({ mode: 'active', client: {}, server: {} })).toEqual({ scenario: { mode: 'active', client: {}, server: {} }, problems: [] });
  });

  test.each([
    // not an object at all
    [null, '$', /must be an object, got null/],
    [[], '$', /got an array/],
    // required fields
    [{ client: {}, server: {} }, '$.mode', /is required/],
    [{ mode: 'passive', server: {} }, '$.client', /is required/],
    [{ mode: 'sideways', client: {}, server: {} }, '$.mode', /must be one of "active", "passive", "extended-active", "extended-passive"/],
    // unknown fields are reported, so typos do not pass silently
    [{ ...base, delay: 5 }, '$.delay', /unknown field "delay"/],
    [{ ...base, client: { port: 1 } }, '$.client.port', /unknown field/],
    // ports
    [{ ...base, client: { dataPort: 0 } }, '$.client.dataPort', /at least 1/],
    [{ ...base, client: { dataPort: 65536 } }, '$.client.dataPort', /at most 65535/],
    [{ ...base, server: { controlPort: 1 } }, '$.server.controlPort', /at least 2/],
    [{ ...base, server: { passivePort: 21.5 } }, '$.server.passivePort', /whole number/],
    // addresses
    [{ ...base, client: { address: '192.168.1' } }, '$.client.address', /IPv4 or IPv6 address/],
    [{ ...base, server: { address: 7 } }, '$.server.address', /IPv4 or IPv6 address/],
    // middleboxes
    [{ ...base, middlebox: 'nat' }, '$.middlebox', /must be "none" or an object/],
    [{ ...base, middlebox: { kind: 'router' } }, '$.middlebox.kind', /must be one of "nat", "firewall"/],
    [{ ...base, middlebox: { kind: 'nat' } }, '$.middlebox.publicAddress', /is required/],
    [{ ...base, middlebox: { ...nat, alg: 'yes' } }, '$.middlebox.alg', /true or false/],
    [{ ...base, middlebox: { kind: 'nat', publicAddress: '10.1.1.1' } }, '$.middlebox.publicAddress', /not the private \(RFC 1918 §3\)/],
    [{ ...base, middlebox: { kind: 'nat', publicAddress: '2001:db8::1' } }, '$.middlebox.publicAddress', /must be IPv4/],
    [{ ...base, middlebox: { kind: 'firewall', at: 'client' } }, '$.middlebox.allowInbound', /is required/],
    [{ ...base, middlebox: { kind: 'firewall', at: 'client', allowInbound: [21, 'x'] } }, '$.middlebox.allowInbound[1]', /must be a port 1–65535/],
    [{ ...base, middlebox: { kind: 'firewall', at: 'middle', allowInbound: [] } }, '$.middlebox.at', /"client", "server"/],
    // timing
    [{ ...base, oneWayDelay: -1 }, '$.oneWayDelay', /at least 0/],
    [{ ...base, oneWayDelay: Infinity }, '$.oneWayDelay', /finite number/],
    [{ ...base, connectTimeout: 0 }, '$.connectTimeout', /at least 1/],
    // commands
    [{ ...base, command: { verb: 'STOR' } }, '$.command.verb', /"LIST", "RETR"/],
    [{ ...base, command: { verb: 'RETR', bytes: 5 } }, '$.command.name', /is required for RETR/],
    [{ ...base, command: { verb: 'RETR', name: 'a.txt' } }, '$.command.bytes', /is required for RETR/],
    [{ ...base, command: { verb: 'RETR', name: 'a\r\nDELE b', bytes: 5 } }, '$.command.name', /printable ASCII/],
    [{ ...base, command: { verb: 'LIST', name: 'x' } }, '$.command.name', /only RETR takes a name/],
  ])('validateFtpScenario(%j) reports %s', (input, path, message) => {
    const r = validateFtpScenario(input);
    expect(r.scenario).toBeUndefined();
    expect(r.problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test.each([
    // PORT and PASV carry IPv4 only (RFC 959 §4.1.2)
    [{ mode: 'active', client: { address: '2001:db8::1' }, server: { address: '2001:db8::2' } }, '$.mode', /PORT, which carries only IPv4 .* use "extended-active"/],
    [{ mode: 'passive', client: { address: '2001:db8::1' }, server: { address: '2001:db8::2' } }, '$.mode', /PASV/],
    [{ mode: 'extended-active', client: { address: '2001:db8::1' }, server: {} }, '$.server.address', /same IP version/],
    [{ mode: 'passive', client: { address: '198.51.100.7' }, server: {} }, '$.server.address', /cannot share the address/],
    [{ mode: 'passive', client: { controlPort: 50000, dataPort: 50000 }, server: {} }, '$.client.dataPort', /must differ from the control port/],
    [{ mode: 'passive', client: {}, server: { passivePort: 21 } }, '$.server.passivePort', /must differ/],
    [{ mode: 'passive', client: { address: '192.0.2.10' }, server: {}, middlebox: nat }, '$.client.address', /private address \(RFC 1918 §3\) behind a NAT/],
    [{ mode: 'passive', client: {}, server: { address: '203.0.113.5' }, middlebox: nat }, '$.middlebox.publicAddress', /cannot be the server's address/],
    [{ mode: 'passive', client: {}, server: { address: '10.0.0.2' }, middlebox: nat }, '$.server.address', /must be a public address/],
    [{ mode: 'extended-active', client: { address: '2001:db8::1', announceAddress: '192.0.2.1' }, server: { address: '2001:db8::2' } }, '$.client.announceAddress', /must be IPv6/],
  ])('validateFtpScenario(%j) reports %s when fields do not fit together', (input, path, message) => {
    expect(validateFtpScenario(input).problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('validateFtpScenario lists every problem, not only the first', () => {
    const r = validateFtpScenario({ mode: 'x', client: { dataPort: -1 }, server: { address: 'y' }, oneWayDelay: 'slow' });
    expect(r.problems.map((p) => p.path)).toEqual(['$.mode', '$.client.dataPort', '$.server.address', '$.oneWayDelay']);
  });

  test('validateFtpScenario does not throw on a hostile object', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    expect(validateFtpScenario(hostile)).toEqual({ problems: [{ path: '$', message: 'could not be read: boom' }] });
  });
});

describe('resolveFtpScenario', () => {
  test('resolveFtpScenario fills in documentation addresses, port 21 and the defaults', () => {
    expect(resolveFtpScenario(base)).toEqual({
      name: '',
      mode: 'passive',
      client: { address: '192.0.2.10', controlPort: 50100, dataPort: 50000, announceAddress: '192.0.2.10' },
      server: { address: '198.51.100.7', controlPort: 21, passivePort: 50200 },
      middlebox: 'none',
      oneWayDelay: 50,
      command: { verb: 'LIST', bytes: DEFAULT_LIST_BYTES },
      connectTimeout: DEFAULT_CONNECT_TIMEOUT_MS,
    });
  });

  test('resolveFtpScenario gives a client behind a NAT a private address and the NAT no ALG', () => {
    const r = resolveFtpScenario({ ...base, middlebox: nat });
    expect(r.client.address).toBe('192.168.1.10');
    expect(r.middlebox).toEqual({ kind: 'nat', publicAddress: '203.0.113.5', alg: false, firstPublicPort: null });
  });
});
