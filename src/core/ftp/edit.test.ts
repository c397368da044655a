import { describe, expect, test } from 'vitest';
import { FTP_MIDDLEBOX_CHOICES, FTP_MODE_CHOICES, ftpMiddleboxChoice, ftpWithMiddlebox, ftpWithMode } from './edit.ts';
import { FTP_PRESETS, getFtpPreset } from './presets/index.ts';
import { runFtpScenario } from './run.ts';
import { validateFtpScenario } from './scenario.ts';

const outcome = (s: unknown) => runFtpScenario(s).events.at(-1);

describe('scenario edits', () => {
  const combos = FTP_PRESETS.flatMap((p) => FTP_MODE_CHOICES.flatMap((m) => FTP_MIDDLEBOX_CHOICES.map((b) => [p.name, m.value, b.value] as const)));
  test.each(combos)('preset %s in mode %s with middlebox %s is a valid scenario', (name, mode, box) => {
    const p = getFtpPreset(name)!;
    const a = ftpWithMiddlebox(ftpWithMode(p.scenario, mode), box);
    const b = ftpWithMode(ftpWithMiddlebox(p.scenario, box), mode);
    expect(validateFtpScenario(a).problems).toEqual([]);
    expect(validateFtpScenario(b).problems).toEqual([]);
    expect(a.mode).toBe(mode);
    expect(ftpMiddleboxChoice(a)).toBe(box);
  });

  test('ftpWithMode fixes the NAT case: active fails with 425, passive ends with 226', () => {
    const broken = getFtpPreset('active-behind-nat')!.scenario;
    expect(outcome(broken)).toMatchObject({ outcome: 'data-failed' });
    expect(outcome(ftpWithMode(broken, 'passive'))).toMatchObject({ outcome: 'transferred' });
    expect(outcome(ftpWithMode(broken, 'extended-passive'))).toMatchObject({ outcome: 'transferred' });
    expect(outcome(ftpWithMode(broken, 'extended-active'))).toMatchObject({ outcome: 'data-failed' });
  });

  test('ftpWithMiddlebox fixes it too: the ALG rewrites PORT', () => {
    expect(outcome(ftpWithMiddlebox(getFtpPreset('active-behind-nat')!.scenario, 'nat-alg'))).toMatchObject({ outcome: 'transferred' });
  });

  test('ftpWithMiddlebox opens the passive port on the server firewall', () => {
    const s = ftpWithMiddlebox(getFtpPreset('passive-server-firewall')!.scenario, 'server-firewall-open');
    expect(s.middlebox).toEqual({ kind: 'firewall', at: 'server', allowInbound: [21, 50200] });
    expect(outcome(s)).toMatchObject({ outcome: 'transferred' });
  });

  test('ftpWithMiddlebox gives the client a private address behind a NAT and a public one without it', () => {
    const natted = ftpWithMiddlebox(getFtpPreset('active')!.scenario, 'nat');
    expect(natted.client.address).toBe('192.168.1.10');
    expect(ftpWithMiddlebox(natted, 'none').client.address).toBe('192.0.2.10');
    expect(ftpWithMiddlebox(natted, 'client-firewall').client.address).toBe('192.0.2.10');
  });

  test('ftpWithMode to PORT or PASV replaces IPv6 addresses, which those commands cannot carry', () => {
    const s = ftpWithMode(getFtpPreset('eprt-ipv6')!.scenario, 'active');
    expect([s.client.address, s.server.address]).toEqual(['192.0.2.10', '198.51.100.7']);
    expect(ftpWithMode(getFtpPreset('eprt-ipv6')!.scenario, 'extended-passive').client.address).toBe('2001:db8:1::10');
  });
});
