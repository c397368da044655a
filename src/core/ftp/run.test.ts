/**
 * runFtpScenario, read like packet traces: who sends what, from which address and port, to
 * which, and what becomes of it.
 */
import { describe, expect, test } from 'vitest';
import { formatFtpEndpoint } from './encoding.ts';
import { FTP_EVENT_CAP, runFtpScenario } from './run.ts';
import type { FtpMiddlebox, FtpMode, FtpScenario } from './scenario.ts';
import type { FtpAlgEvent, FtpDropEvent, FtpEvent, FtpSendEvent, FtpTrace } from './trace.ts';

const NAT: FtpMiddlebox = { kind: 'nat', publicAddress: '203.0.113.5', alg: false, firstPublicPort: 40000 };

function scenario(mode: FtpMode, middlebox: FtpMiddlebox = 'none', extra: Partial<FtpScenario> = {}): FtpScenario {
  const behindNat = middlebox !== 'none' && middlebox.kind === 'nat';
  return {
    mode,
    client: { address: behindNat ? '192.168.1.10' : '192.0.2.10', controlPort: 50100, dataPort: 50000 },
    server: { address: '198.51.100.7', controlPort: 21, passivePort: 50200 },
    middlebox,
    oneWayDelay: 50,
    ...extra,
  };
}

/** "t from→to FLAGS src → dst line" for every hop, the way a capture on each link would show it. */
function hops(trace: FtpTrace, filter: (e: FtpSendEvent) => boolean = () => true): string[] {
  return trace.events.flatMap((e) =>
    e.type === 'send' && filter(e) ? [`${e.t} ${e.from}→${e.to} ${e.packet.flags} ${formatFtpEndpoint(e.packet.src)} → ${formatFtpEndpoint(e.packet.dst)}${e.packet.line ? ` ${e.packet.line}` : ''}${e.retransmission ? ' (rtx)' : ''}`] : [],
  );
}
const lines = (t: FtpTrace) => hops(t, (e) => e.packet.line !== undefined && e.from !== 'middlebox').map((h) => h.replace(/^\S+ \S+ \S+ \S+ → \S+ /, ''));
const data = (e: FtpSendEvent) => e.packet.conn === 'data';
const of = <T extends FtpEvent['type']>(t: FtpTrace, type: T) => t.events.filter((e): e is Extract<FtpEvent, { type: T }> => e.type === type);
const end = (t: FtpTrace) => t.events.at(-1);

describe('the control connection', () => {
  test('runFtpScenario opens the control connection from the client to port 21, then greets and logs in (RFC 959 §2.3, §5.2, §4.2)', () => {
    const t = runFtpScenario(scenario('passive'));
    expect(hops(t).slice(0, 9)).toEqual([
      '0 client→server SYN 192.0.2.10:50100 → 198.51.100.7:21',
      '50 server→client SYN,ACK 198.51.100.7:21 → 192.0.2.10:50100',
      '100 client→server ACK 192.0.2.10:50100 → 198.51.100.7:21',
      '150 server→client PSH,ACK 198.51.100.7:21 → 192.0.2.10:50100 220 Service ready for new user.',
      '200 client→server PSH,ACK 192.0.2.10:50100 → 198.51.100.7:21 USER anonymous',
      '250 server→client PSH,ACK 198.51.100.7:21 → 192.0.2.10:50100 331 User name okay, need password.',
      '300 client→server PSH,ACK 192.0.2.10:50100 → 198.51.100.7:21 PASS guest@example.com',
      '350 server→client PSH,ACK 198.51.100.7:21 → 192.0.2.10:50100 230 User logged in, proceed.',
      '400 client→server PSH,ACK 192.0.2.10:50100 → 198.51.100.7:21 PASV',
    ]);
    expect(of(t, 'listen')[0]).toMatchObject({ t: 0, on: 'server', action: 'start', endpoint: { address: '198.51.100.7', port: 21 }, purpose: 'control' });
  });

  test('runFtpScenario counts the CRLF in a line\'s bytes (RFC 959 §4.1)', () => {
    const user = of(runFtpScenario(scenario('passive')), 'send').find((e) => e.packet.line === 'USER anonymous');
    expect(user?.packet.bytes).toBe('USER anonymous'.length + 2);
  });

  test('runFtpScenario with a server firewall that blocks port 21 gives no session: SYNs at 0, 1 s, 3 s, then "connection timed out"', () => {
    const t = runFtpScenario(scenario('passive', { kind: 'firewall', at: 'server', allowInbound: [] }));
    expect(hops(t, (e) => e.from === 'client')).toEqual([
      '0 client→middlebox SYN 192.0.2.10:50100 → 198.51.100.7:21',
      '1000 client→middlebox SYN 192.0.2.10:50100 → 198.51.100.7:21 (rtx)',
      '3000 client→middlebox SYN 192.0.2.10:50100 → 198.51.100.7:21 (rtx)',
    ]);
    expect(of(t, 'error')).toEqual([{ t: 5000, type: 'error', on: 'client', code: 'connection timed out', message: 'connection timed out' }]);
    expect(end(t)).toEqual({ t: 5000, type: 'end', outcome: 'control-failed' });
  });
});

describe('active mode (PORT)', () => {
  test('runFtpScenario: the client listens and sends PORT; the server connects from its port 20 (L − 1) to that address (RFC 959 §3.2, §4.1.2, §5.2)', () => {
    const t = runFtpScenario(scenario('active'));
    expect(lines(t).slice(5)).toEqual(['PORT 192,0,2,10,195,80', '200 Command okay.', 'LIST', '150 File status okay; about to open data connection.', '226 Closing data connection. Requested file action successful.']);
    expect(of(t, 'listen')[1]).toMatchObject({ t: 400, on: 'client', action: 'start', endpoint: { address: '192.0.2.10', port: 50000 } });
    expect(hops(t, data)).toEqual([
      '550 server→client SYN 198.51.100.7:20 → 192.0.2.10:50000',
      '600 client→server SYN,ACK 192.0.2.10:50000 → 198.51.100.7:20',
      '650 server→client ACK 198.51.100.7:20 → 192.0.2.10:50000',
      '650 server→client PSH,ACK 198.51.100.7:20 → 192.0.2.10:50000',
      '650 server→client FIN,ACK 198.51.100.7:20 → 192.0.2.10:50000',
      '700 client→server FIN,ACK 192.0.2.10:50000 → 198.51.100.7:20',
    ]);
    expect(of(t, 'deliver')).toEqual([{ t: 700, type: 'deliver', on: 'client', bytes: 500, what: 'the listing' }]);
    expect(end(t)).toEqual({ t: 750, type: 'end', outcome: 'transferred' });
  });

  test('runFtpScenario takes the server\'s data port from its control port: L = 2121 connects from 2120', () => {
    const s = scenario('active');
    const t = runFtpScenario({ ...s, server: { ...s.server, controlPort: 2121 } });
    expect(hops(t, data)[0]).toBe('550 server→client SYN 198.51.100.7:2120 → 192.0.2.10:50000');
  });

  test('runFtpScenario behind a NAT without ALG: PORT carries the private address, the SYN is lost in the internet, and the server answers 425', () => {
    const t = runFtpScenario(scenario('active', NAT));
    expect(lines(t)).toContain('PORT 192,168,1,10,195,80');
    // the server receives the PORT line unchanged, from the router's public address
    expect(hops(t, (e) => e.packet.line?.startsWith('PORT') === true)).toEqual([
      '400 client→middlebox PSH,ACK 192.168.1.10:50100 → 198.51.100.7:21 PORT 192,168,1,10,195,80',
      '400 middlebox→server PSH,ACK 203.0.113.5:40000 → 198.51.100.7:21 PORT 192,168,1,10,195,80',
    ]);
    expect(hops(t, data)).toEqual([
      '550 server→middlebox SYN 198.51.100.7:20 → 192.168.1.10:50000',
      '1550 server→middlebox SYN 198.51.100.7:20 → 192.168.1.10:50000 (rtx)',
      '3550 server→middlebox SYN 198.51.100.7:20 → 192.168.1.10:50000 (rtx)',
    ]);
    const drops = of(t, 'drop');
    expect(drops.map((d) => [d.t, d.reason, d.where, d.section])).toEqual([
      [575, 'no-route', 0.5, 'RFC 1918 §3'],
      [1575, 'no-route', 0.5, 'RFC 1918 §3'],
      [3575, 'no-route', 0.5, 'RFC 1918 §3'],
    ]);
    expect(drops[0]?.message).toMatch(/192\.168\.1\.10 is a private address/);
    const failed = of(t, 'connection').find((c) => c.status === 'failed');
    expect(failed).toMatchObject({ t: 5550, conn: 'data', opener: 'server', from: { port: 20 }, section: 'RFC 959 §3.2, §5.2', reasonSection: 'RFC 6298 §5.5', reason: expect.stringMatching(/no SYN-ACK came back in 5 s\. The SYN goes nowhere/) });
    expect(lines(t).at(-1)).toBe("425 Can't open data connection.");
    expect(end(t)).toEqual({ t: 5600, type: 'end', outcome: 'data-failed' });
  });

  test('runFtpScenario behind a NAT, announcing the public address without an ALG: the SYN reaches the router, which has no mapping (RFC 3022 §2.2)', () => {
    const s = scenario('active', NAT);
    const t = runFtpScenario({ ...s, client: { ...s.client, announceAddress: '203.0.113.5' } });
    expect(lines(t)).toContain('PORT 203,0,113,5,195,80');
    const drop = of(t, 'drop')[0] as FtpDropEvent;
    expect(drop).toMatchObject({ t: 600, reason: 'no-mapping', where: 1, section: 'RFC 3022 §2.2' });
    expect(drop.message).toMatch(/no mapping for 203\.0\.113\.5:50000/);
    expect(end(t)).toMatchObject({ outcome: 'data-failed' });
  });

  test('runFtpScenario through an FTP ALG: PORT is rewritten to the public address and a mapped port, and the SYN is translated back (RFC 3022 §4.4)', () => {
    const t = runFtpScenario(scenario('active', { ...NAT, alg: true }));
    const alg = of(t, 'alg')[0] as FtpAlgEvent;
    expect(alg).toEqual({
      t: 400,
      type: 'alg',
      id: expect.any(Number),
      before: 'PORT 192,168,1,10,195,80',
      after: 'PORT 203,0,113,5,156,65',
      mapping: { inside: { address: '192.168.1.10', port: 50000 }, outside: { address: '203.0.113.5', port: 40001 }, by: 'alg' },
      lengthChange: -1,
      section: 'RFC 3022 §4.4',
    });
    expect(hops(t, (e) => e.packet.line?.startsWith('PORT') === true)[1]).toBe('400 middlebox→server PSH,ACK 203.0.113.5:40000 → 198.51.100.7:21 PORT 203,0,113,5,156,65');
    expect(hops(t, data).slice(0, 4)).toEqual([
      '550 server→middlebox SYN 198.51.100.7:20 → 203.0.113.5:40001',
      '600 middlebox→client SYN 198.51.100.7:20 → 192.168.1.10:50000',
      '600 client→middlebox SYN,ACK 192.168.1.10:50000 → 198.51.100.7:20',
      '600 middlebox→server SYN,ACK 203.0.113.5:40001 → 198.51.100.7:20',
    ]);
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario keeps inside ports for NAT mappings when no first public port is set (port preservation, RFC 4787 §4.2.1)', () => {
    const t = runFtpScenario(scenario('active', { kind: 'nat', publicAddress: '203.0.113.5', alg: true }));
    expect((of(t, 'alg')[0] as FtpAlgEvent).after).toBe('PORT 203,0,113,5,195,80');
    expect(hops(t, (e) => e.from === 'middlebox' && e.to === 'server')[0]).toBe('0 middlebox→server SYN 203.0.113.5:50100 → 198.51.100.7:21');
  });

  test('runFtpScenario with a client firewall: the server\'s inbound SYN is dropped at the firewall and the server answers 425 (RFC 1579)', () => {
    const t = runFtpScenario(scenario('active', { kind: 'firewall', at: 'client', allowInbound: [] }));
    expect(of(t, 'drop').map((d) => [d.t, d.reason, d.where])).toEqual([
      [600, 'firewall', 1],
      [1600, 'firewall', 1],
      [3600, 'firewall', 1],
    ]);
    expect(of(t, 'drop')[0]?.message).toMatch(/client's firewall drops the unsolicited SYN from 198\.51\.100\.7:20 to 192\.0\.2\.10:50000/);
    expect(end(t)).toMatchObject({ outcome: 'data-failed' });
  });

  test('runFtpScenario with a client firewall that allows the data port lets active mode through', () => {
    const t = runFtpScenario(scenario('active', { kind: 'firewall', at: 'client', allowInbound: [50000] }));
    expect(of(t, 'forward').find((f) => f.rule === 'allowed')).toMatchObject({ t: 600, by: 'firewall' });
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario with EPRT writes |1|address|port| and the server connects there (RFC 2428 §2)', () => {
    const t = runFtpScenario(scenario('extended-active'));
    expect(lines(t)).toContain('EPRT |1|192.0.2.10|50000|');
    expect(hops(t, data)[0]).toBe('550 server→client SYN 198.51.100.7:20 → 192.0.2.10:50000');
  });

  test('runFtpScenario with EPRT over IPv6 writes |2|…| (RFC 2428 §2)', () => {
    const t = runFtpScenario({ mode: 'extended-active', client: { address: '2001:db8:1::10' }, server: { address: '2001:db8:2::7' } });
    expect(lines(t)).toContain('EPRT |2|2001:db8:1::10|50000|');
    expect(hops(t, data)[0]).toBe('550 server→client SYN [2001:db8:2::7]:20 → [2001:db8:1::10]:50000');
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario through an ALG rewrites EPRT |1| too (Linux nf_conntrack_ftp tracks EPRT)', () => {
    const t = runFtpScenario(scenario('extended-active', { ...NAT, alg: true }));
    expect((of(t, 'alg')[0] as FtpAlgEvent).after).toBe('EPRT |1|203.0.113.5|40001|');
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });
});

describe('passive mode (PASV, EPSV)', () => {
  test('runFtpScenario: PASV → 227 with the server\'s address and port; the client connects there and sends LIST at once (RFC 959 §4.1.2, §4.2.2)', () => {
    const t = runFtpScenario(scenario('passive'));
    expect(lines(t).slice(5)).toEqual(['PASV', '227 Entering Passive Mode (198,51,100,7,196,24).', 'LIST', '150 File status okay; about to open data connection.', '226 Closing data connection. Requested file action successful.']);
    expect(of(t, 'listen').filter((l) => l.on === 'server').map((l) => [l.t, l.action, l.endpoint.port])).toEqual([
      [0, 'start', 21],
      [450, 'start', 50200],
      [650, 'stop', 50200],
    ]);
    expect(hops(t, data)).toEqual([
      '500 client→server SYN 192.0.2.10:50000 → 198.51.100.7:50200',
      '550 server→client SYN,ACK 198.51.100.7:50200 → 192.0.2.10:50000',
      '600 client→server ACK 192.0.2.10:50000 → 198.51.100.7:50200',
      '650 server→client PSH,ACK 198.51.100.7:50200 → 192.0.2.10:50000',
      '650 server→client FIN,ACK 198.51.100.7:50200 → 192.0.2.10:50000',
      '700 client→server FIN,ACK 192.0.2.10:50000 → 198.51.100.7:50200',
    ]);
    expect(end(t)).toEqual({ t: 750, type: 'end', outcome: 'transferred' });
  });

  test('runFtpScenario behind a NAT in passive mode: both connections go out, both get mappings, and the transfer ends with 226 (RFC 1579)', () => {
    const t = runFtpScenario(scenario('passive', NAT));
    expect(of(t, 'forward').flatMap((f) => (f.mapping ? [`${formatFtpEndpoint(f.mapping.inside)} → ${formatFtpEndpoint(f.mapping.outside)}`] : []))).toEqual([
      '192.168.1.10:50100 → 203.0.113.5:40000',
      '192.168.1.10:50000 → 203.0.113.5:40001',
    ]);
    expect(of(t, 'drop')).toEqual([]);
    expect(lines(t).at(-1)).toBe('226 Closing data connection. Requested file action successful.');
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario with EPSV: 229 carries only the port, and the client connects to the control connection\'s address (RFC 2428 §3)', () => {
    const s = scenario('extended-passive');
    const t = runFtpScenario({ ...s, server: { ...s.server, passivePort: 6446 } });
    expect(lines(t)).toContain('229 Entering Extended Passive Mode (|||6446|)');
    expect(hops(t, data)[0]).toBe('500 client→server SYN 192.0.2.10:50000 → 198.51.100.7:6446');
  });

  test('runFtpScenario with a server firewall that lets in only port 21: the passive SYN is dropped, the server waits 5 s and answers 425', () => {
    const t = runFtpScenario(scenario('passive', { kind: 'firewall', at: 'server', allowInbound: [21] }));
    expect(of(t, 'drop').map((d) => [d.t, d.reason])).toEqual([
      [550, 'firewall'],
      [1550, 'firewall'],
      [3550, 'firewall'],
    ]);
    const conns = of(t, 'connection').filter((c) => c.conn === 'data');
    expect(conns.map((c) => [c.t, c.status, c.opener])).toEqual([
      [500, 'opening', 'client'],
      [5500, 'failed', 'client'],
    ]);
    // the server started waiting when LIST arrived at 550
    expect(hops(t, (e) => e.packet.line?.startsWith('425') === true)[0]).toMatch(/^5550 server→middlebox/);
    expect(end(t)).toEqual({ t: 5600, type: 'end', outcome: 'data-failed' });
  });

  test('runFtpScenario with a server firewall that also allows the passive port completes the transfer', () => {
    const t = runFtpScenario(scenario('passive', { kind: 'firewall', at: 'server', allowInbound: [21, 50200] }));
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario with a client firewall in passive mode: everything is outbound from the client, so it passes (RFC 1579)', () => {
    const t = runFtpScenario(scenario('passive', { kind: 'firewall', at: 'client', allowInbound: [] }));
    expect(of(t, 'drop')).toEqual([]);
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario: when the client gave up before the 425 arrives, it does not fail the connection twice', () => {
    const t = runFtpScenario(scenario('passive', { kind: 'firewall', at: 'server', allowInbound: [21] }));
    expect(of(t, 'connection').filter((c) => c.status === 'failed')).toHaveLength(1);
  });
});

describe('RETR and sizes', () => {
  test('runFtpScenario sends RETR with the file name and delivers its bytes', () => {
    const t = runFtpScenario(scenario('passive', 'none', { command: { verb: 'RETR', name: 'notes.txt', bytes: 20000 } }));
    expect(lines(t)).toContain('RETR notes.txt');
    expect(of(t, 'deliver')).toEqual([{ t: 700, type: 'deliver', on: 'client', bytes: 20000, what: 'notes.txt' }]);
  });

  test('runFtpScenario sends no data segment for an empty file, only the closing FIN', () => {
    const t = runFtpScenario(scenario('passive', 'none', { command: { verb: 'RETR', name: 'empty', bytes: 0 } }));
    expect(hops(t, (e) => data(e) && e.packet.flags === 'PSH,ACK')).toEqual([]);
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });

  test('runFtpScenario with no delay puts everything at t = 0, still in order', () => {
    const t = runFtpScenario(scenario('active', 'none', { oneWayDelay: 0 }));
    expect(t.events.every((e) => e.t === 0)).toBe(true);
    expect(end(t)).toMatchObject({ outcome: 'transferred' });
  });
});

describe('traces', () => {
  test('runFtpScenario of an invalid scenario returns the problems, an invalid-scenario error and an end', () => {
    const t = runFtpScenario({ mode: 'active', client: { dataPort: 0 }, server: {} });
    expect(t.scenario).toBeNull();
    expect(t.problems).toEqual([{ path: '$.client.dataPort', message: 'must be at least 1, got 0' }]);
    expect(t.events).toEqual([
      { t: 0, type: 'error', on: 'sim', code: 'invalid-scenario', message: 'invalid scenario: $.client.dataPort: must be at least 1, got 0' },
      { t: 0, type: 'end', outcome: 'invalid' },
    ]);
  });

  test('runFtpScenario gives every send a fate that points at its receive or drop event', () => {
    const t = runFtpScenario(scenario('active', NAT));
    for (const e of of(t, 'send')) {
      expect(e.fate).not.toBeNull();
      const target = t.events[e.fate!.index];
      expect(target).toMatchObject({ type: e.fate!.type, id: e.id, t: e.fate!.t });
    }
  });

  test('runFtpScenario stays far below FTP_EVENT_CAP even with a 10-minute timeout', () => {
    const t = runFtpScenario(scenario('active', NAT, { connectTimeout: 600_000 }));
    expect(t.events.length).toBeLessThan(FTP_EVENT_CAP / 10);
    expect(end(t)).toMatchObject({ outcome: 'data-failed' });
  });
});
