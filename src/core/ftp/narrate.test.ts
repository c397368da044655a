import { describe, expect, test } from 'vitest';
import { narrateFtpTrace, ftpParticipants } from './narrate.ts';
import { getFtpPreset } from './presets/index.ts';
import { runFtpScenario } from './run.ts';
import { resolveFtpScenario } from './scenario.ts';

function captions(name: string): string[] {
  const p = getFtpPreset(name);
  if (p === undefined) throw new Error(`no preset ${name}`);
  return narrateFtpTrace(runFtpScenario(p.scenario)).map((s) => s.caption);
}

describe('narrateFtpTrace', () => {
  test('narrateFtpTrace tells the control connection: port 21, the handshake, the greeting (RFC 959 §2.3, §5.2)', () => {
    const c = captions('passive');
    expect(c[0]).toBe(
      'The server listens on 198.51.100.7:21 for control connections (RFC 959 §5.2). The client opens the control connection to the server\'s port 21: SYN from 192.0.2.10:50100 to 198.51.100.7:21 (RFC 959 §2.3, §5.2).',
    );
    expect(c[1]).toBe('The server answers with SYN-ACK.');
    expect(c[2]).toBe('The client completes the handshake with ACK: the control connection is open.');
    expect(c[3]).toBe('The server greets the client: "220 Service ready for new user." (RFC 959 §4.2).');
  });

  test('narrateFtpTrace decodes PORT in the caption: 195 × 256 + 80 = 50000', () => {
    expect(captions('active-behind-nat')).toContain(
      'The client listens on 192.168.1.10:50000 for the data connection the server will open (PORT, RFC 959 §4.1.2). The client sends "PORT 192,168,1,10,195,80": "connect to me at 192.168.1.10, port 195 × 256 + 80 = 50000" (RFC 959 §4.1.2).',
    );
  });

  test('narrateFtpTrace says why the active data connection fails behind a NAT and ends with 425', () => {
    const c = captions('active-behind-nat');
    expect(c.join(' ')).toContain('The server opens the data connection from its port 20 (L − 1, one below its control port) to the address the client gave: SYN from 198.51.100.7:20 to 192.168.1.10:50000 (RFC 959 §3.2, §5.2).');
    expect(c.join(' ')).toContain('The SYN goes nowhere: 192.168.1.10 is a private address, and routers on the internet carry no route to private networks (RFC 1918 §3).');
    expect(c.join(' ')).toContain('no SYN-ACK came back within 1 s, so the server sends its SYN again'.replace(/^n/, 'N'));
    expect(c.at(-2)).toBe('The server gives up on the data connection: no SYN-ACK came back in 5 s. The server gives up and replies "425 Can\'t open data connection." (RFC 959 §4.2).');
    expect(c.at(-1)).toBe('The client receives the 425 reply: there will be no transfer. The client stops listening on 192.168.1.10:50000: the server gave up on the data connection. The transfer failed: the data connection never opened, and the server said so with 425.');
  });

  test('narrateFtpTrace tells the NAT mapping and the ALG rewrite with its length change (RFC 3022 §2.2, §4.4)', () => {
    const all = captions('active-with-alg').join(' ');
    expect(all).toContain('The home router maps 192.168.1.10:50100 to its public 203.0.113.5:40000 and forwards the SYN with that source: the server will only ever see 203.0.113.5:40000 (NAPT, RFC 3022 §2.2).');
    expect(all).toContain('"PORT 192,168,1,10,195,80" becomes "PORT 203,0,113,5,156,65", the router\'s public address and port 40001, which it now maps to 192.168.1.10:50000 (RFC 3022 §4.4). The line is 1 byte shorter');
    expect(all).toContain('with FTPS it could not.');
    expect(all).toContain('The home router finds its mapping for 203.0.113.5:40001 and forwards the SYN to 192.168.1.10:50000.');
  });

  test('narrateFtpTrace ends a successful run with 226', () => {
    const c = captions('passive-behind-nat');
    expect(c.at(-1)).toBe('The data connection is closed at both ends. Done: the listing (500 bytes) came over the data connection, and 226 confirmed it.');
    expect(c.at(-2)).toContain('The client receives the 226 reply.');
  });

  test('narrateFtpTrace explains 227 and 229', () => {
    expect(captions('passive').join(' ')).toContain('The server replies "227 Entering Passive Mode (198,51,100,7,196,24).": it is listening at 198.51.100.7, port 196 × 256 + 24 = 50200 (RFC 959 §4.1.2, §4.2.2).');
    expect(captions('epsv').join(' ')).toContain('The server replies "229 Entering Extended Passive Mode (|||6446|)": only the port, 6446; the client is to use the address the control connection already uses, 198.51.100.7 (RFC 2428 §3).');
  });

  test('narrateFtpTrace tells a firewall\'s decisions in words', () => {
    expect(captions('active-client-firewall').join(' ')).toContain("The client's firewall drops the unsolicited SYN from 198.51.100.7:20 to 192.0.2.10:50000: nobody inside opened this connection, and it allows no inbound connections (RFC 1579).");
    expect(captions('passive-server-firewall').join(' ')).toContain("The server's firewall lets the SYN in: port 21 is on its inbound allow list.");
  });

  test('narrateFtpTrace gives one step per distinct time, in increasing time, covering every event', () => {
    const p = getFtpPreset('active-with-alg')!;
    const trace = runFtpScenario(p.scenario);
    const steps = narrateFtpTrace(trace);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.t).toBeGreaterThan(steps[i - 1]!.t);
    expect(steps[0]!.first).toBe(0);
    expect(steps.at(-1)!.end).toBe(trace.events.length);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.first).toBe(steps[i - 1]!.end);
  });

  test('narrateFtpTrace of an invalid scenario names the problems in one step', () => {
    const steps = narrateFtpTrace(runFtpScenario({ mode: 'active', client: {}, server: { passivePort: 'x' } }));
    expect(steps).toEqual([{ t: 0, first: 0, end: 2, sentences: [expect.any(String)], caption: 'The scenario is invalid ($.server.passivePort: must be a finite number, got the string "x").' }]);
  });
});

describe('ftpParticipants', () => {
  test.each([
    [{ mode: 'active', client: {}, server: {} }, ['Client', 'Server'], ''],
    [{ mode: 'active', client: {}, server: {}, middlebox: { kind: 'nat', publicAddress: '203.0.113.5', alg: true } }, ['Client', 'Home router (NAT)', 'Server'], '203.0.113.5 · FTP ALG'],
    [{ mode: 'active', client: {}, server: {}, middlebox: { kind: 'firewall', at: 'client', allowInbound: [] } }, ['Client', 'Client firewall', 'Server'], 'allows in: nothing'],
    [{ mode: 'active', client: {}, server: {}, middlebox: { kind: 'firewall', at: 'server', allowInbound: [21, 50200] } }, ['Client', 'Server firewall', 'Server'], 'allows in: 21, 50200'],
  ] as const)('ftpParticipants(%j) gives the lanes %j', (s, titles, sub) => {
    const p = ftpParticipants(resolveFtpScenario(s as never));
    expect(Object.values(p).map((x) => x.title)).toEqual(titles);
    expect(p.middlebox?.sublabel ?? '').toBe(sub);
  });
});
