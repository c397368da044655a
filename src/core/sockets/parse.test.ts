import { describe, expect, test } from 'vitest';
import { parseSocketTable, resolverFromPorts } from './parse.ts';
import type { ServiceResolver } from './address.ts';

/** A tiny stand-in for the ports module's data: only what these tests name. */
const resolve: ServiceResolver = (name) => ({ ssh: 22, https: 443, ipp: 631 })[name];

function one(text: string, format?: Parameters<typeof parseSocketTable>[1]) {
  const t = parseSocketTable(text, { resolveService: resolve, ...format });
  expect(t.rows).toHaveLength(1);
  return t.rows[0]!;
}

describe('parseSocketTable normalises wildcards', () => {
  test.each([
    // [line, local address, remote]
    ['tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN', '0.0.0.0', null], // Linux netstat IPv4
    ['tcp6       0      0 :::22                   :::*                    LISTEN', '::', null], // Linux netstat IPv6
    ['tcp6       0      0 [::]:ssh                [::]:*                  LISTEN', '::', null], // netstat without -n
    ['udp        0      0 *:bootpc                *:*', '0.0.0.0', null], // old netstat without -n: * is 0.0.0.0 in a udp row
    ['LISTEN 0      128          *:22               *:*', '*', null], // ss dual-stack socket
    ['LISTEN 0      128       [::]:22            [::]:*', '::', null], // ss IPv6-only socket
    ['  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044', '0.0.0.0', null], // Windows IPv4
    ['  TCP    [::]:135               [::]:0                 LISTENING       1044', '::', null], // Windows IPv6
    ['  UDP    0.0.0.0:5353           *:*                                    2468', '0.0.0.0', null], // Windows UDP *:*
    ['tcp46      0      0  *.80                   *.*                    LISTEN', '*', null], // BSD dual-stack
    ['tcp4       0      0  *.22                   *.*                    LISTEN', '0.0.0.0', null], // BSD IPv4
  ])('%s', (line, address, remote) => {
    const row = one(line);
    expect(row.local.address).toBe(address);
    expect(row.remote).toBe(remote);
  });
});

describe('parseSocketTable reads addresses', () => {
  test('keeps zone ids and reads IPv4-mapped IPv6', () => {
    const row = one('ESTAB 0 0 [fe80::1]%eth0:546 [::ffff:192.0.2.7]:40000');
    expect(row.local).toEqual({ address: 'fe80::1', port: 546, zone: 'eth0' });
    expect(row.remote).toEqual({ address: '::ffff:192.0.2.7', port: 40000, mappedIpv4: '192.0.2.7' });
  });

  test('keeps a BSD zone id before the port dot', () => {
    const row = one('udp6       0      0  fe80::1%lo0.5353       *.*');
    expect(row.local).toEqual({ address: 'fe80::1', port: 5353, zone: 'lo0' });
  });

  test('maps service names to port numbers through the resolver', () => {
    const row = one('tcp        0      0 localhost:ipp           0.0.0.0:*               LISTEN');
    expect(row.local).toEqual({ address: 'localhost', port: 631, service: 'ipp' });
  });

  test('reports an unknown service name and keeps the row', () => {
    const t = parseSocketTable('tcp        0      0 localhost:nosuch        0.0.0.0:*               LISTEN', { resolveService: resolve });
    expect(t.rows[0]!.local).toEqual({ address: 'localhost', port: null, service: 'nosuch' });
    expect(t.issues[0]).toMatchObject({ line: 1, severity: 'warning' });
  });

  test('without service data a name stays a name (the resolver default returns nothing)', () => {
    const t = parseSocketTable('tcp        0      0 localhost:ipp           0.0.0.0:*               LISTEN');
    expect(t.rows[0]!.local.port).toBeNull();
    expect(resolverFromPorts(undefined)('ssh', 'tcp')).toBeUndefined();
  });
});

describe('parseSocketTable reads owners and extras', () => {
  test('reads ss process names with spaces and several owners', () => {
    const row = one('LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:(("nginx: worker",pid=12,fd=6),("nginx",pid=11,fd=6))');
    expect(row.process).toBe('nginx: worker');
    expect(row.pid).toBe(12);
    expect(row.owners).toHaveLength(2);
  });

  test('reads the netstat -o timer and a PID/program with spaces', () => {
    const row = one('tcp        0     36 10.0.0.5:22             10.0.0.9:51000          ESTABLISHED 990/sshd: root@pts/ on (0.20/0/0)');
    expect(row.pid).toBe(990);
    expect(row.process).toBe('sshd: root@pts/');
    expect(row.timer).toBe('on (0.20/0/0)');
  });

  test('attaches ss -i detail lines to the row above instead of reporting them', () => {
    const t = parseSocketTable('State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nESTAB 0 0 127.0.0.1:22 127.0.0.1:40000\n\t cubic wscale:7,7 rto:204');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.details).toBe('cubic wscale:7,7 rto:204');
    expect(t.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('reads a connected UDP socket as UDP without a TCP state', () => {
    const row = one('udp        0      0 127.0.0.1:58997         127.0.0.1:15353         ESTABLISHED 77/python3');
    expect(row).toMatchObject({ proto: 'udp', state: null, stateText: 'ESTABLISHED', pid: 77 });
  });
});

describe('parseSocketTable recognises Windows by shape', () => {
  test.each([
    // [state word, RFC state, language]
    ['ABHÖREN', 'LISTEN'], // German, verified
    ['HERGESTELLT', 'ESTABLISHED'], // German, verified
    ['ESCUCHANDO', 'LISTEN'], // Spanish, verified
    ['ESTABLECIDO', 'ESTABLISHED'], // Spanish, verified
    ['IN ASCOLTO', 'LISTEN'], // Italian, unverified, two words
    ['TIME_WAIT', 'TIME-WAIT'], // English word kept by most languages
  ])('maps %s to %s', (word, state) => {
    const row = one(`  TCP    10.0.0.1:3000          10.0.0.2:50000         ${word.padEnd(16)}31`);
    expect(row.state).toBe(state);
    expect(row.stateText).toBe(word);
    expect(row.pid).toBe(31);
  });

  test('reads an unknown state word with an empty foreign address as LISTEN, and says so', () => {
    const t = parseSocketTable('  TCP    0.0.0.0:135            0.0.0.0:0              NASŁUCHUJE      1044');
    expect(t.rows[0]).toMatchObject({ state: 'LISTEN', stateInferred: true });
    expect(t.issues[0]).toMatchObject({ severity: 'info' });
  });

  test('does not guess a state for an unknown word on a connection', () => {
    const t = parseSocketTable('  TCP    10.0.0.1:3000          10.0.0.2:50000         QQQQ            31');
    expect(t.rows[0]!.state).toBeNull();
    expect(t.issues[0]).toMatchObject({ severity: 'warning' });
  });
});

describe('parseSocketTable reports what it does not understand', () => {
  test('reports an unknown dialect instead of guessing', () => {
    const t = parseSocketTable('hello\nworld\n');
    expect(t.format).toBe('unknown');
    expect(t.rows).toEqual([]);
    expect(t.issues.map((i) => i.line)).toEqual([0, 1, 2]);
  });

  test('reports a line cut in half', () => {
    const t = parseSocketTable('tcp        0      0 127.0.');
    expect(t.rows).toEqual([]);
    expect(t.issues.some((i) => i.line === 1 && /cut short/.test(i.reason))).toBe(true);
  });

  test('keeps a row whose foreign address is missing, marked partial', () => {
    const t = parseSocketTable('tcp        0      0 127.0.0.1:18080');
    expect(t.rows[0]).toMatchObject({ partial: true, remote: null });
  });

  test('shows HTML as text and ignores it', () => {
    const t = parseSocketTable('<script>alert(1)</script>');
    expect(t.rows).toEqual([]);
    expect(t.issues.at(-1)!.reason).toMatch(/HTML/);
  });

  test('refuses very long lines without reading them', () => {
    const t = parseSocketTable(`tcp 0 0 ${'1'.repeat(20_000)}`);
    const long = t.issues.find((i) => i.line === 1)!;
    expect(long.reason).toMatch(/characters long/);
    expect(long.text.length).toBeLessThanOrEqual(201);
  });

  test('answers non-text input with an issue', () => {
    expect(parseSocketTable(42 as unknown as string).issues[0]!.reason).toMatch(/not text/);
  });

  test('skips unix sockets with one note for the run', () => {
    const t = parseSocketTable('unix  2      [ ACC ]     STREAM     LISTENING     32858    /tmp/a.sock\nunix  3      [ ]         STREAM     CONNECTED     1234     /tmp/b.sock');
    expect(t.rows).toEqual([]);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ line: 1, severity: 'info' });
  });
});

describe('parseSocketTable splits mixed pastes', () => {
  test('reads two commands after prompts as two sections', () => {
    const t = parseSocketTable(
      '$ ss -tn\r\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\r\nESTAB 0 0 127.0.0.1:22 127.0.0.1:40000\r\n$ lsof -i -nP\r\nsshd 812 root 3u IPv4 21531 0t0 TCP *:22 (LISTEN)\r\n',
    );
    expect(t.format).toBe('mixed');
    expect(t.sections.map((s) => [s.format, s.command])).toEqual([
      ['ss', '$ ss -tn'],
      ['lsof', '$ lsof -i -nP'],
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  test('reads ss rows without Netid as UDP when the command says -u', () => {
    const t = parseSocketTable('# ss -uan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB 0 0 127.0.0.1:5000 127.0.0.1:53');
    expect(t.rows[0]).toMatchObject({ proto: 'udp', state: null });
  });

  test('says so when ss rows without Netid or command cannot be told apart', () => {
    const t = parseSocketTable('State Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB 0 0 127.0.0.1:5000 127.0.0.1:53');
    expect(t.rows[0]!.proto).toBe('tcp');
    expect(t.issues[0]!.reason).toMatch(/Netid/);
  });

  test('honours a forced format and reports lines of other dialects', () => {
    const t = parseSocketTable('tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN\nLISTEN 0 128 *:22 *:*', { format: 'ss' });
    expect(t.format).toBe('ss');
    expect(t.rows.map((r) => r.line)).toEqual([2]);
    expect(t.issues.map((i) => i.line)).toEqual([1]);
  });
});
