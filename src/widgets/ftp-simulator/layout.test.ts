import { describe, expect, test } from 'vitest';
import { ftpParticipants, ftpSnapshotAt, getFtpPreset, narrateFtpTrace, runFtpScenario, type FtpPacket } from '../../core/ftp/index.ts';
import { connectionCard, ftpLadder, ftpLanes, ftpTraceRows, packetLabel, packetTone, socketLines, stepRange } from './layout.ts';

const run = (name: string) => runFtpScenario(getFtpPreset(name)!.scenario);
const pkt = (p: Partial<FtpPacket>): FtpPacket => ({ conn: 'control', flags: 'PSH,ACK', src: { address: '192.0.2.10', port: 50100 }, dst: { address: '198.51.100.7', port: 21 }, bytes: 0, ...p });

describe('packetLabel and packetTone', () => {
  test.each([
    [pkt({ flags: 'SYN' }), 'SYN 192.0.2.10:50100 → 198.51.100.7:21', 'syn'],
    [pkt({ flags: 'SYN,ACK' }), 'SYN-ACK', 'syn'],
    [pkt({ flags: 'ACK' }), 'ACK', 'ack'],
    [pkt({ flags: 'FIN,ACK' }), 'FIN', 'fin'],
    [pkt({ conn: 'data', bytes: 20000 }), 'data 20,000 bytes', 'psh'],
    [pkt({ line: 'PORT 192,168,1,10,195,80' }), 'PORT 192,168,1,10,195,80', 'psh'],
    [pkt({ line: '227 Entering Passive Mode (198,51,100,7,196,24).' }), '227 (198,51,100,7,196,24)', 'psh'],
    [pkt({ line: '229 Entering Extended Passive Mode (|||6446|)' }), '229 (|||6446|)', 'psh'],
    [pkt({ line: '220 Service ready for new user.' }), '220 ready', 'psh'],
    [pkt({ line: "425 Can't open data connection." }), "425 can't open data connection", 'rst'],
    [pkt({ line: '226 Closing data connection. Requested file action successful.' }), '226 transfer complete', 'psh'],
  ])('packetLabel(%j) is "%s" in tone %s', (p, label, tone) => {
    expect(packetLabel(p)).toBe(label);
    expect(packetTone(p)).toBe(tone);
  });

  test('packetLabel puts IPv6 endpoints in brackets', () => {
    expect(packetLabel(pkt({ flags: 'SYN', src: { address: '2001:db8:1::10', port: 50000 }, dst: { address: '2001:db8:2::7', port: 21 } }))).toBe('SYN [2001:db8:1::10]:50000 → [2001:db8:2::7]:21');
  });
});

describe('ftpLadder', () => {
  test('ftpLadder draws three lanes through a NAT, one row per step, and one arrow per hop', () => {
    const trace = run('active-behind-nat');
    const steps = narrateFtpTrace(trace);
    const ladder = ftpLadder(trace, steps);
    expect(ladder.lanes).toEqual([
      { id: 'client', label: 'Client', sublabel: '192.168.1.10' },
      { id: 'middlebox', label: 'Home router (NAT)', sublabel: '203.0.113.5' },
      { id: 'server', label: 'Server', sublabel: '198.51.100.7' },
    ]);
    expect(ladder.rows.map((r) => r.t)).toEqual(steps.map((s) => s.t));
    expect(ladder.arrows).toHaveLength(trace.events.filter((e) => e.type === 'send').length);
  });

  test('ftpLadder draws the lost data SYNs half way to the router, as retransmissions after the first', () => {
    const trace = run('active-behind-nat');
    const lost = ftpLadder(trace, narrateFtpTrace(trace)).arrows.filter((a) => a.status === 'lost');
    expect(lost.map((a) => [a.from, a.to, a.t0, a.t1, a.reach, a.note ?? ''])).toEqual([
      ['server', 'middlebox', 550, 575, 0.5, ''],
      ['server', 'middlebox', 1550, 1575, 0.5, 'retransmission'],
      ['server', 'middlebox', 3550, 3575, 0.5, 'retransmission'],
    ]);
    expect(lost[0]!.label).toBe('SYN 198.51.100.7:20 → 192.168.1.10:50000');
    expect(lost[0]!.description).toMatch(/^data SYN 198\.51\.100\.7:20 → 192\.168\.1\.10:50000, Server to Home router \(NAT\), dropped: The SYN goes nowhere/);
  });

  test('ftpLadder shows the NAT rewrite on the arrow after the router', () => {
    const trace = run('active-with-alg');
    const ports = ftpLadder(trace, narrateFtpTrace(trace)).arrows.filter((a) => a.label.startsWith('PORT'));
    expect(ports.map((a) => `${a.from}→${a.to} ${a.label}`)).toEqual(['client→middlebox PORT 192,168,1,10,195,80', 'middlebox→server PORT 203,0,113,5,156,65']);
  });

  test('ftpLadder marks listeners on their host\'s lane', () => {
    const trace = run('passive');
    expect(ftpLadder(trace, narrateFtpTrace(trace)).marks.map((m) => [m.lane, m.t, m.label, m.tone])).toEqual([
      ['server', 0, 'LISTEN 21', 'listen'],
      ['server', 450, 'LISTEN 50200', 'listen'],
      ['server', 650, 'CLOSED 50200', 'closed'],
    ]);
  });

  test('ftpLanes titles a firewall by its side', () => {
    expect(ftpLanes(run('passive-server-firewall')).map((l) => `${l.label} (${l.sublabel})`)).toEqual(['Client (192.0.2.10)', 'Server firewall (allows in: 21)', 'Server (198.51.100.7)']);
  });
});

describe('ftpTraceRows', () => {
  test('ftpTraceRows gives one row per event, with drops in the internet and at the router told apart', () => {
    const trace = run('active-behind-nat');
    const rows = ftpTraceRows(trace);
    expect(rows).toHaveLength(trace.events.length);
    expect(rows.map((r) => r.index)).toEqual(trace.events.map((_, i) => i));
    expect(rows.find((r) => r.what === 'drop (no-route)')).toMatchObject({ who: 'Internet', time: '575 ms' });
    expect(rows.find((r) => r.what === 'forward (outbound)')?.detail).toBe('192.168.1.10:50100 → 198.51.100.7:21 becomes 203.0.113.5:40000 → 198.51.100.7:21; new mapping 192.168.1.10:50100 ⇄ 203.0.113.5:40000 (RFC 3022 §2.2)');
    expect(rows.at(-1)).toMatchObject({ who: 'Simulator', what: 'end', detail: 'data-failed' });
  });

  test('ftpTraceRows writes the ALG rewrite with both lines', () => {
    expect(ftpTraceRows(run('active-with-alg')).find((r) => r.what === 'ALG rewrite')?.detail).toBe('"PORT 192,168,1,10,195,80" → "PORT 203,0,113,5,156,65"; mapping 192.168.1.10:50000 ⇄ 203.0.113.5:40001 (RFC 3022 §4.4)');
  });

  test('stepRange gives the rows of a step, clamped to the steps there are', () => {
    const steps = narrateFtpTrace(run('passive'));
    expect(stepRange(steps, 0)).toEqual({ first: steps[0]!.first, end: steps[0]!.end });
    expect(stepRange(steps, 999)).toEqual({ first: steps.at(-1)!.first, end: steps.at(-1)!.end });
    expect(stepRange([], 0)).toEqual({ first: -1, end: -1 });
  });
});

describe('the Connections panel', () => {
  test('connectionCard says "not opened yet" before a connection exists', () => {
    const trace = run('active');
    expect(connectionCard('data', ftpSnapshotAt(trace, 0).data, ftpParticipants(trace.scenario))).toEqual({ heading: 'Data connection', status: 'not opened yet', symbol: '–', tone: 'idle', lines: [] });
  });

  test('connectionCard words a failed data connection with who opened it, the ports and why', () => {
    const trace = run('active-behind-nat');
    const card = connectionCard('data', ftpSnapshotAt(trace, Infinity).data, ftpParticipants(trace.scenario));
    expect(card).toMatchObject({ heading: 'Data connection', status: 'failed', symbol: '✗', tone: 'bad' });
    expect(card.lines[0]).toBe('Opened by the server (RFC 959 §3.2, §5.2)');
    expect(card.lines[1]).toBe('From 198.51.100.7:20 to 192.168.1.10:50000');
    expect(card.lines[2]).toMatch(/^Why it failed: no SYN-ACK came back in 5 s\. The SYN goes nowhere: 192\.168\.1\.10 is a private address.* \(RFC 6298 §5\.5\)\.$/);
  });

  test('connectionCard adds the server\'s view of a connection behind a NAT', () => {
    const trace = run('passive-behind-nat');
    const card = connectionCard('control', ftpSnapshotAt(trace, Infinity).control, ftpParticipants(trace.scenario));
    expect(card.lines).toEqual(['Opened by the client (RFC 959 §2.3, §5.2)', 'From 192.168.1.10:50100 to 198.51.100.7:21', 'As the server sees it: from 203.0.113.5:40000 to 198.51.100.7:21']);
  });

  test('socketLines lists listeners and mappings in words', () => {
    const trace = run('active-with-alg');
    const lines = socketLines(ftpSnapshotAt(trace, 400), ftpParticipants(trace.scenario));
    expect(lines.listeners).toEqual(['Server listens on 198.51.100.7:21 (control connections)', 'Client listens on 192.168.1.10:50000 (the data connection)']);
    expect(lines.mappings).toEqual([
      '192.168.1.10:50100 ⇄ 203.0.113.5:40000 (made by the first outgoing packet)',
      '192.168.1.10:50000 ⇄ 203.0.113.5:40001 (made by the FTP ALG from the PORT/EPRT command)',
    ]);
  });
});
