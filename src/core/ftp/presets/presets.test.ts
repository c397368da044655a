/** Every FTP preset is a valid scenario and shows what its description promises. */
import { describe, expect, test } from 'vitest';
import { narrateFtpTrace } from '../narrate.ts';
import { ftpSnapshotAt } from '../query.ts';
import { runFtpScenario } from '../run.ts';
import { validateFtpScenario } from '../scenario.ts';
import { FTP_PRESETS, getFtpPreset } from './index.ts';

describe('FTP_PRESETS', () => {
  test('FTP_PRESETS starts with the six names lessons embed, in teaching order', () => {
    expect(FTP_PRESETS.map((p) => p.name)).toEqual([
      'active',
      'passive',
      'active-behind-nat',
      'passive-behind-nat',
      'active-with-alg',
      'epsv',
      'eprt-ipv6',
      'active-client-firewall',
      'passive-server-firewall',
    ]);
  });

  test.each(FTP_PRESETS.map((p) => [p.name, p] as const))('preset %s is a valid scenario with a title and a one-line description', (name, p) => {
    expect(validateFtpScenario(p.scenario).problems).toEqual([]);
    expect(p.scenario.name).toBe(name);
    expect(p.title.length).toBeGreaterThan(0);
    expect(p.description).not.toMatch(/\n/);
    expect(p.description.length).toBeLessThanOrEqual(160);
  });

  test.each([
    // name, outcome, the last caption mentions
    ['active', 'transferred', '226'],
    ['passive', 'transferred', '226'],
    ['active-behind-nat', 'data-failed', '425'],
    ['passive-behind-nat', 'transferred', '226'],
    ['active-with-alg', 'transferred', '226'],
    ['epsv', 'transferred', '226'],
    ['eprt-ipv6', 'transferred', '226'],
    ['active-client-firewall', 'data-failed', '425'],
    ['passive-server-firewall', 'data-failed', '425'],
  ])('preset %s ends %s, and its last caption says %s', (name, outcome, code) => {
    const trace = runFtpScenario(getFtpPreset(name)!.scenario);
    expect(trace.events.at(-1)).toMatchObject({ type: 'end', outcome });
    expect(narrateFtpTrace(trace).at(-1)?.caption).toContain(code);
    expect(ftpSnapshotAt(trace, Infinity).data?.status).toBe(outcome === 'transferred' ? 'closed' : 'failed');
  });

  test('getFtpPreset returns undefined for an unknown name', () => {
    expect(getFtpPreset('sftp')).toBeUndefined();
  });
});
