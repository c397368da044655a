import { describe, expect, test } from 'vitest';
import { ianaPortDb } from '../ports/iana-data.ts';
import { ephemeralRangeFor } from './ephemeral.ts';
import { CLOSE_WAIT_MANY, SYN_RECEIVED_MANY, TIME_WAIT_MANY, explainTable, exposureOf } from './explain.ts';
import { READING_NETSTAT_LESSON, SOCKET_LESSON_LINKS, TCP_STATES_LESSON } from './links.ts';
import { parseSocketTable } from './parse.ts';

const db = ianaPortDb();
const rowsOf = (text: string) => parseSocketTable(text, { ports: db }).rows;

describe('exposureOf(endpoint)', () => {
  test.each([
    // [address, exposure]
    ['0.0.0.0', 'all-interfaces'], // INADDR_ANY
    ['::', 'all-interfaces'], // in6addr_any
    ['*', 'all-interfaces'], // ss dual-stack
    ['127.0.0.53', 'loopback'], // all of 127/8 is loopback
    ['::1', 'loopback'], // IPv6 loopback
    ['localhost', 'loopback'], // netstat without -n
    ['fe80::1', 'link-local'], // fe80::/10
    ['169.254.10.1', 'link-local'], // RFC 3927
    ['192.168.1.7', 'private-network'], // RFC 1918
    ['172.20.0.1', 'private-network'], // RFC 1918
    ['fd00::5', 'private-network'], // unique local
    ['203.0.113.9', 'one-address'], // a public address
    ['myhost', 'host-name'], // a name: exposure unknown
  ])('%s is %s', (address, exposure) => {
    expect(exposureOf({ address, port: 80 })).toBe(exposure);
  });
});

describe('explainTable(rows)', () => {
  test('explains an ss listener: exposure, queues, owner, state link', () => {
    const e = explainTable(rowsOf('LISTEN 1 5 127.0.0.1:18080 0.0.0.0:* users:(("python3",pid=7,fd=3))'));
    const texts = e.rows[0]!.notes.map((n) => n.text).join('\n');
    expect(e.rows[0]!.exposure).toBe('loopback');
    expect(texts).toMatch(/Recv-Q 1 = connections .* accept\(\)/);
    expect(texts).toMatch(/Send-Q 5 = the most/);
    expect(texts).toMatch(/Owned by python3 \(PID 7\)/);
    expect(e.rows[0]!.notes.some((n) => n.link === TCP_STATES_LESSON)).toBe(true);
  });

  test('names the service usually on a port from the ports data', () => {
    const e = explainTable(rowsOf('tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN'), { ports: db });
    expect(e.rows[0]!.notes.map((n) => n.text).join('\n')).toMatch(/Port 22\/tcp is registered for ssh/);
  });

  test('flags databases and remote desktop listening on all interfaces', () => {
    const e = explainTable(
      rowsOf('  TCP    0.0.0.0:3389           0.0.0.0:0              LISTENING       1288\n  TCP    127.0.0.1:3306         0.0.0.0:0              LISTENING       9\n  TCP    0.0.0.0:23             0.0.0.0:0              LISTENING       10'),
    );
    expect(e.findings.map((f) => [f.kind, f.severity, f.lines])).toEqual([
      ['exposed-service', 'warning', [1]],
      ['exposed-service', 'alert', [3]],
    ]);
  });

  test('warns about many TIME-WAIT rows towards one destination, against the Linux range', () => {
    const lines = Array.from({ length: TIME_WAIT_MANY }, (_, i) => `TIME-WAIT 0 0 10.0.0.5:${40000 + i} 10.0.0.9:5432`).join('\n');
    const f = explainTable(rowsOf(`State Recv-Q Send-Q Local Address:Port Peer Address:Port\n${lines}`)).findings;
    expect(f).toHaveLength(1);
    expect(f[0]!.kind).toBe('time-wait-pile');
    expect(f[0]!.text).toMatch(/0\.4% of the 28,232 Linux ephemeral ports \(32768–60999\)/);
  });

  test('does not count TIME-WAIT rows whose local port is a server port', () => {
    const lines = Array.from({ length: TIME_WAIT_MANY }, (_, i) => `TIME-WAIT 0 0 10.0.0.5:443 10.0.0.9:${40000 + i}`).join('\n');
    expect(explainTable(rowsOf(lines)).findings).toEqual([]);
  });

  test('reports CLOSE-WAIT piling up in one program', () => {
    const lines = Array.from({ length: CLOSE_WAIT_MANY }, (_, i) => `CLOSE-WAIT 1 0 127.0.0.1:8080 127.0.0.1:${50000 + i} users:(("app",pid=42,fd=${i + 3}))`).join('\n');
    const f = explainTable(rowsOf(lines)).findings;
    expect(f.map((x) => x.kind)).toEqual(['close-wait-pile']);
    expect(f[0]!.text).toMatch(/PID 42 \(app\)/);
  });

  test('reports SYN-SENT attempts and a possible SYN flood', () => {
    const syn = Array.from({ length: SYN_RECEIVED_MANY }, (_, i) => `SYN-RECV 0 0 10.0.0.5:80 198.51.100.${i % 250}:${1024 + i}`).join('\n');
    const f = explainTable(rowsOf(`SYN-SENT 0 1 10.0.0.5:41000 192.0.2.1:443\n${syn}`)).findings;
    expect(f.map((x) => x.kind)).toEqual(['syn-sent', 'syn-flood']);
  });

  test('says when an ss accept queue is full', () => {
    const f = explainTable(rowsOf('LISTEN 129 128 0.0.0.0:80 0.0.0.0:*')).findings;
    expect(f.map((x) => x.kind)).toEqual(['accept-queue-full']);
  });

  test('explains a dual-stack ss listener and an IPv4-mapped peer', () => {
    const e = explainTable(rowsOf('LISTEN 0 128 *:22 *:*\nESTAB 0 0 [::ffff:127.0.0.1]:22 [::ffff:127.0.0.1]:40000'));
    expect(e.rows[0]!.notes.map((n) => n.text).join()).toMatch(/every IPv4 and IPv6 address/);
    expect(e.rows[1]!.notes.map((n) => n.text).join()).toMatch(/IPv4 address 127\.0\.0\.1 written as IPv6/);
  });

  test('sums up states, listeners by exposure and the busiest remote hosts', () => {
    const s = explainTable(rowsOf('LISTEN 0 5 127.0.0.1:80 0.0.0.0:*\nESTAB 0 0 10.0.0.5:40000 192.0.2.1:443\nESTAB 0 0 10.0.0.5:40001 192.0.2.1:443\nUNCONN 0 0 0.0.0.0:5353 0.0.0.0:*')).summary;
    expect(s).toMatchObject({ rows: 4, tcp: 3, udp: 1 });
    expect(s.states).toEqual([
      { state: 'ESTABLISHED', count: 2 },
      { state: 'LISTEN', count: 1 },
      { state: 'UDP', count: 1 },
    ]);
    expect(s.listeners).toEqual([
      { exposure: 'loopback', count: 1, ports: [80] },
      { exposure: 'all-interfaces', count: 1, ports: [5353] },
    ]);
    expect(s.busiestRemotes).toEqual([{ address: '192.0.2.1', count: 2 }]);
  });

  test('only links to the exported lesson targets', () => {
    const e = explainTable(rowsOf('LISTEN 0 5 0.0.0.0:3306 0.0.0.0:*\nTIME-WAIT 0 0 10.0.0.5:40000 192.0.2.1:443\nUNCONN 0 0 0.0.0.0:53 0.0.0.0:*'));
    const links = [...e.rows.flatMap((r) => r.notes), ...e.findings].map((n) => n.link).filter((l) => l !== undefined);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(SOCKET_LESSON_LINKS).toContain(l);
    expect(SOCKET_LESSON_LINKS).toEqual([TCP_STATES_LESSON, READING_NETSTAT_LESSON]);
  });
});

describe('ephemeralRangeFor(os)', () => {
  test.each([
    // Windows rows use the Windows default
    ['windows', 49_152, 65_535],
    // BSD output is read with the macOS range (FreeBSD's own default is unverified)
    ['bsd', 49_152, 65_535],
    // Linux, and unknown rows fall back to the narrower Linux range
    ['linux', 32_768, 60_999],
    ['unknown', 32_768, 60_999],
  ] as const)('%s → %i–%i', (os, first, last) => {
    const r = ephemeralRangeFor(os);
    expect([r.first, r.last]).toEqual([first, last]);
  });
});
