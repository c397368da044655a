import { describe, expect, test } from 'vitest';
import { getNatPreset, narrateNatTrace, runNatScenario, type NatScenario } from '../../core/nat/index.ts';
import { addForwardRule, addInbound, addNatStep, addOutbound, addPcpMap, addWait, natActionTime, readPort, removeForwardRule, withSettings } from './edit.ts';

const inbound = getNatPreset('inbound-without-forward')!.scenario;

function ok(r: ReturnType<typeof addWait>): NatScenario {
  if (!r.ok) throw new Error(r.problems.join(' '));
  return r.scenario;
}

describe('readPort', () => {
  test.each([
    ['8080', 8080],
    [' 1 ', 1],
    ['65535', 65535],
    ['0', 'Public port must be from 1 to 65535 (ports are 16-bit and 0 is reserved); 0 is out of range.'],
    ['65536', 'Public port must be from 1 to 65535 (ports are 16-bit and 0 is reserved); 65536 is out of range.'],
    ['', 'Public port is empty: enter a port from 1 to 65535.'],
    ['80.5', 'Public port must be a whole number from 1 to 65535, not “80.5”.'],
    ['http', 'Public port must be a whole number from 1 to 65535, not “http”.'],
    ['-1', 'Public port must be a whole number from 1 to 65535, not “-1”.'],
  ])('readPort(%j) is %j', (text, expected) => {
    expect(readPort(text, 'Public port')).toBe(expected);
  });
});

describe('edits', () => {
  test('natActionTime puts an action on the 10 ms grid just after the moment shown', () => {
    expect([natActionTime(0), natActionTime(20), natActionTime(21), natActionTime(Number.NaN)]).toEqual([10, 30, 30, 0]);
  });

  test('addNatStep keeps steps in time order', () => {
    const s = addNatStep({ steps: [{ at: 0, do: 'wait', minutes: 1 }, { at: 100, do: 'wait', minutes: 1 }] }, { at: 50, do: 'wait', minutes: 2 });
    expect(s.steps.map((x) => x.at)).toEqual([0, 50, 100]);
  });

  test('adding a forward and sending again makes the inbound-without-forward connection succeed', () => {
    const withRule = ok(addForwardRule(inbound, { proto: 'tcp', publicPort: '8080', host: 'laptop', insidePort: '8080' }, 20));
    const again = ok(addInbound(withRule, { from: 'friend', proto: 'tcp', srcPort: '40001', dstPort: '8080' }, 30));
    const captions = narrateNatTrace(runNatScenario(again)).map((s) => s.caption);
    expect(captions.at(-1)).toBe('The laptop receives the ACK from 192.0.2.44:40001.');
  });

  test('addInbound targets the carrier NAT’s address when there is one', () => {
    const s = ok(addInbound({ nat: { cgnat: true }, steps: [] }, { from: 'friend', proto: 'udp', srcPort: '1', dstPort: '3074' }, 0));
    expect(s.steps[0]).toMatchObject({ do: 'send', proto: 'udp', to: { address: '198.51.100.7', port: 3074 } });
  });

  test('bad input comes back as sentences, never as a throw', () => {
    expect(addOutbound(inbound, { from: 'laptop', proto: 'tcp', srcPort: '0', to: 'nowhere', dstPort: '99999' }, 0)).toEqual({
      ok: false,
      problems: [
        'Source port must be from 1 to 65535 (ports are 16-bit and 0 is reserved); 0 is out of range.',
        'Destination port must be from 1 to 65535 (ports are 16-bit and 0 is reserved); 99999 is out of range.',
        'Destination “nowhere” is not an IPv4 address such as 198.51.100.80.',
      ],
    });
    const lan = addOutbound(inbound, { from: 'laptop', proto: 'udp', srcPort: '5000', to: '192.168.1.20', dstPort: '53' }, 0);
    expect(lan.ok).toBe(false);
    expect(!lan.ok && lan.problems[0]).toMatch(/^192\.168\.1\.20 is on the home network/);
    expect(addWait(inbound, 'soon', 0)).toEqual({ ok: false, problems: ['Minutes to wait must be a number of minutes.'] });
    expect(addWait(inbound, '0', 0)).toEqual({ ok: false, problems: ['Minutes to wait must be more than 0 and at most 1440 minutes; 0 is out of range.'] });
    expect(addPcpMap(inbound, { from: 'console', proto: 'udp', port: 'x', minutes: '5' }, 0)).toMatchObject({ ok: false, problems: ['Port must be a whole number from 1 to 65535, not “x”.'] });
  });

  test('addWait, removeForwardRule and addPcpMap append the steps the core expects', () => {
    expect(ok(addWait(inbound, '6', 25)).steps.at(-1)).toEqual({ at: 30, do: 'wait', minutes: 6 });
    expect(ok(removeForwardRule(inbound, 'tcp', 8080, 0)).steps.at(-1)).toEqual({ at: 10, do: 'remove-forward', proto: 'tcp', publicPort: 8080 });
    expect(ok(addPcpMap(inbound, { from: 'console', proto: 'udp', port: '3074', minutes: '1.5' }, 0)).steps.at(-1)).toEqual({ at: 10, do: 'pcp-map', from: 'console', proto: 'udp', port: 3074, lifetime: 90 });
  });

  test('withSettings changes the filtering, and refuses the CGN switch when the steps no longer fit', () => {
    expect(ok(withSettings(inbound, { filtering: 'endpoint-independent' })).nat).toEqual({ filtering: 'endpoint-independent' });
    const r = withSettings(inbound, { cgnat: true });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toContain('Reset to the preset first');
    expect(withSettings(getNatPreset('outbound')!.scenario, { cgnat: true }).ok).toBe(true);
  });
});
