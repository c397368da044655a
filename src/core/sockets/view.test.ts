import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainTable, type RowExplanation } from './explain.ts';
import { parseSocketTable } from './parse.ts';
import type { SocketFormat } from './types.ts';
import {
  EXPOSURE_INFO,
  EXPOSURE_ORDER,
  FORMAT_INFO,
  NO_FILTER,
  SOCKET_FORMATS,
  STATE_ORDER,
  endpointSortKey,
  expandIpv6,
  formatEndpoint,
  formatLabel,
  ownerLabel,
  rowMatches,
  splitLines,
  stateFamilyOf,
  summaryStateOf,
  viewIndices,
} from './view.ts';

const root = join(import.meta.dirname, 'fixtures');
const fixtureTexts = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(root, d, f), 'utf8')));
const explain = (text: string) => explainTable(parseSocketTable(text).rows).rows;

/** Seeded so a failure reproduces; small runs keep the suite fast. */
const RUNS = { numRuns: 200, seed: 66 } as const;

/** ss -tan output with one row per interesting case, used by the sort and filter tests. */
const SS = [
  'Netid State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
  'tcp   LISTEN     0      128          0.0.0.0:22         0.0.0.0:*     users:(("sshd",pid=700,fd=3))', // 2
  'tcp   LISTEN     0      5          127.0.0.1:8080       0.0.0.0:*     users:(("python3",pid=18,fd=3))', // 3
  'tcp   ESTAB      0      36        10.0.0.5:22        10.0.0.77:50123  users:(("sshd",pid=901,fd=4))', // 4
  'tcp   TIME-WAIT  0      0          10.0.0.5:41000      10.0.0.9:443', // 5
  'udp   UNCONN     0      0              [::]:5353           [::]:*     users:(("avahi",pid=5,fd=12))', // 6
  'tcp   ESTAB      7      0          10.0.0.5:41001     10.0.0.10:443   users:(("curl",pid=99,fd=5))', // 7
  'tcp   LISTEN     0      5      [fe80::1]%eth0:546          [::]:*', // 8
].join('\n');

describe('splitLines(text)', () => {
  test('numbers lines as parseSocketTable does, whatever the line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\r', '\n', '\r\n', 'tcp 0 0 1.2.3.4:5 0.0.0.0:* LISTEN'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const table = parseSocketTable(text);
        expect(text === '' ? 0 : splitLines(text).length).toBe(table.lineCount);
      }),
      RUNS,
    );
  });

  test.each(fixtureTexts.map((t, i) => [i, t] as const))('puts each row of fixture %i on a line that holds its local port', (_i, text) => {
    const lines = splitLines(text);
    for (const row of parseSocketTable(text).rows) {
      expect(lines[row.line - 1]).toContain(row.local.service ?? String(row.local.port ?? '*'));
    }
  });
});

describe('summaryStateOf(row)', () => {
  test.each(fixtureTexts.map((t, i) => [i, t] as const))('buckets the rows of fixture %i as explainTable summary counts them', (_i, text) => {
    const e = explainTable(parseSocketTable(text).rows);
    const counts = new Map<string, number>();
    for (const r of e.rows) counts.set(summaryStateOf(r.row), (counts.get(summaryStateOf(r.row)) ?? 0) + 1);
    expect(new Map(e.summary.states.map((s) => [s.state, s.count]))).toEqual(counts);
    for (const s of e.summary.states) expect(STATE_ORDER).toContain(s.state);
  });
});

describe('stateFamilyOf(state)', () => {
  test.each([
    // [bucket, colour family]
    ['LISTEN', 'listen'],
    ['SYN-RECEIVED', 'opening'],
    ['ESTABLISHED', 'established'],
    ['CLOSE-WAIT', 'closing'],
    ['TIME-WAIT', 'time-wait'],
    ['UDP', 'udp'], // not a TCP state: its own colour
    ['unknown', 'unknown'], // a state word nobody knows
  ] as const)('puts %s in the %s family', (state, family) => {
    expect(stateFamilyOf(state)).toBe(family);
  });
});

describe('formatEndpoint(endpoint)', () => {
  test.each([
    // [endpoint, printed]
    [{ address: '127.0.0.1', port: 8080 }, '127.0.0.1:8080'],
    [{ address: '::1', port: 443 }, '[::1]:443'], // IPv6 in brackets
    [{ address: 'fe80::1', port: 5353, zone: 'lo0' }, '[fe80::1%lo0]:5353'], // zone kept
    [{ address: '127.0.0.53', port: 53, zone: 'lo' }, '127.0.0.53%lo:53'], // ss prints IPv4 zones too
    [{ address: '0.0.0.0', port: null }, '0.0.0.0:*'], // no port
    [{ address: 'localhost', port: null, service: 'http-alt' }, 'localhost:http-alt'], // unresolved name
    [null, ''], // no peer
  ])('writes %j as %s', (ep, text) => {
    expect(formatEndpoint(ep)).toBe(text);
  });
});

describe('ownerLabel(row)', () => {
  test('names the program and its PID, or whichever is known', () => {
    const [a, b, c] = parseSocketTable(
      [
        'tcp   LISTEN 0 5 127.0.0.1:1 0.0.0.0:* users:(("python3",pid=7,fd=3))',
        '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044',
        'tcp   LISTEN 0 5 127.0.0.1:2 0.0.0.0:*',
      ].join('\n'),
    ).rows;
    expect([ownerLabel(a!), ownerLabel(b!), ownerLabel(c!)]).toEqual(['python3 (PID 7)', 'PID 1044', '']);
  });
});

describe('formatLabel(format)', () => {
  test('names every dialect, a mixed paste by its parts, and an unknown paste', () => {
    for (const f of SOCKET_FORMATS) expect(formatLabel(f)).toBe(FORMAT_INFO[f].label);
    expect(formatLabel('mixed', ['ss', 'linux-netstat', 'ss'])).toBe('several (Linux ss (iproute2), Linux netstat (net-tools))');
    expect(formatLabel('unknown')).toBe('not recognised');
  });

  test('SOCKET_FORMATS lists each dialect once', () => {
    const all: SocketFormat[] = ['linux-netstat', 'ss', 'windows-netstat', 'bsd-netstat', 'lsof', 'powershell'];
    expect([...SOCKET_FORMATS].sort()).toEqual(all.sort());
  });

  test('EXPOSURE_ORDER lists each exposure once, with words for each', () => {
    expect(new Set(EXPOSURE_ORDER).size).toBe(Object.keys(EXPOSURE_INFO).length);
  });
});

describe('expandIpv6(address)', () => {
  test.each([
    // [address, expanded]
    ['::', '0000:0000:0000:0000:0000:0000:0000:0000'], // the wildcard
    ['::1', '0000:0000:0000:0000:0000:0000:0000:0001'], // loopback
    ['fe80::1%lo0', 'fe80:0000:0000:0000:0000:0000:0000:0001'], // zone dropped
    ['::ffff:192.0.2.1', '0000:0000:0000:0000:0000:ffff:c000:0201'], // IPv4 tail
    ['2001:db8:0:0:0:0:0:1', '2001:0db8:0000:0000:0000:0000:0000:0001'], // no compression
  ])('expands %s', (a, expanded) => {
    expect(expandIpv6(a)).toBe(expanded);
  });

  test.each([
    ['1::2::3'], // two compressions
    ['1:2:3'], // too few groups
    ['12345::'], // group too long
    ['::ffff:300.0.0.1'], // octet too large
  ])('refuses %s', (a) => {
    expect(expandIpv6(a)).toBeUndefined();
  });
});

describe('endpointSortKey(endpoint)', () => {
  test('orders wildcards, IPv4 by number, IPv6 by number, then names; ports by number', () => {
    const eps = [
      { address: 'myhost', port: 1 },
      { address: '::1', port: 80 },
      { address: '10.0.0.10', port: 443 },
      { address: '10.0.0.9', port: 443 },
      { address: '10.0.0.9', port: 80 },
      { address: '0.0.0.0', port: 22 },
      { address: 'fe80::1', port: 1 },
    ];
    const sorted = [...eps].sort((a, b) => (endpointSortKey(a) < endpointSortKey(b) ? -1 : 1)).map(formatEndpoint);
    expect(sorted).toEqual(['0.0.0.0:22', '10.0.0.9:80', '10.0.0.9:443', '10.0.0.10:443', '[::1]:80', '[fe80::1]:1', 'myhost:1']);
  });
});

describe('viewIndices(rows, sort, filter)', () => {
  const rows = explain(SS);
  const lines = (idx: number[]) => idx.map((i) => rows[i]!.row.line);

  test('keeps the paste order by default', () => {
    expect(lines(viewIndices(rows))).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  test.each([
    // [sort key, direction, lines in order]
    ['state', 'ascending', [2, 3, 8, 4, 7, 5, 6]], // LISTEN, ESTABLISHED, TIME-WAIT, UDP (RFC order); ties by line
    ['state', 'descending', [6, 5, 4, 7, 2, 3, 8]], // reversed, ties still by line
    ['local', 'ascending', [2, 6, 4, 5, 7, 3, 8]], // wildcards 0.0.0.0 and ::, then 10.0.0.5 by port, 127.0.0.1, fe80::1
    ['remote', 'ascending', [2, 3, 6, 8, 5, 7, 4]], // no peer first, then 10.0.0.9 < 10.0.0.10 < 10.0.0.77
    ['owner', 'ascending', [6, 7, 3, 2, 4, 5, 8]], // names A–Z, then rows without an owner
    ['recvQ', 'descending', [7, 2, 3, 4, 5, 6, 8]], // the 7 unread bytes first
    ['exposure', 'ascending', [2, 6, 8, 3, 4, 5, 7]], // all interfaces, link-local, loopback, then connections
    ['proto', 'ascending', [2, 3, 4, 5, 7, 8, 6]], // tcp (IPv4 before IPv6), then udp
  ] as const)('sorts by %s, %s', (key, direction, expected) => {
    expect(lines(viewIndices(rows, { key, direction }))).toEqual(expected);
  });

  test.each([
    // [filter, lines kept]
    [{ state: 'LISTEN' }, [2, 3, 8]],
    [{ state: 'UDP' }, [6]],
    [{ proto: 'udp' }, [6]],
    [{ exposure: 'all-interfaces' }, [2, 6]], // 0.0.0.0 and [::]
    [{ exposure: 'loopback' }, [3]],
    [{ exposure: 'listening' }, [2, 3, 6, 8]],
    [{ exposure: 'connections' }, [4, 5, 7]],
    [{ text: 'SSHD' }, [2, 4]], // owner, any case
    [{ text: '10.0.0.9:443' }, [5]], // an endpoint as printed
    [{ text: 'time-wait' }, [5]], // the state
    [{ state: 'ESTABLISHED', text: 'curl' }, [7]], // criteria combine
  ] as const)('filters with %j', (partial, expected) => {
    expect(lines(viewIndices(rows, undefined, { ...NO_FILTER, ...partial }))).toEqual(expected);
  });

  test('returns every row exactly once, in some order, for any sort without a filter', () => {
    const all = explain(fixtureTexts.join('\n'));
    const keys = ['line', 'proto', 'local', 'remote', 'state', 'owner', 'recvQ', 'sendQ', 'exposure'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom('ascending', 'descending' as const), (key, direction) => {
        const idx = viewIndices(all, { key, direction });
        expect([...idx].sort((a, b) => a - b)).toEqual(all.map((_, i) => i));
      }),
      { numRuns: 30, seed: 6 },
    );
  });

  test('sorting by a column and reversing it gives the reverse order when no two rows tie', () => {
    const idx = viewIndices(rows, { key: 'line', direction: 'descending' });
    expect(lines(idx)).toEqual([8, 7, 6, 5, 4, 3, 2]);
  });
});

describe('rowMatches(row, filter)', () => {
  test('NO_FILTER lets every row through', () => {
    const all: RowExplanation[] = explain(fixtureTexts.join('\n'));
    expect(all.every((e) => rowMatches(e, NO_FILTER))).toBe(true);
  });
});
