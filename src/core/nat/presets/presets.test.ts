/**
 * Every NAT preset is a valid scenario and shows what its description promises; the lesson and
 * the e2e tests rely on these outcomes and final captions.
 */
import { describe, expect, test } from 'vitest';
import { narrateNatTrace } from '../narrate.ts';
import { natTableAt } from '../query.ts';
import { runNatScenario } from '../run.ts';
import { validateNatScenario } from '../scenario.ts';
import type { NatTrace } from '../trace.ts';
import { getNatPreset, NAT_PRESETS } from './index.ts';

function run(name: string): NatTrace {
  const p = getNatPreset(name);
  if (p === undefined) throw new Error(`no preset ${name}`);
  return runNatScenario(p.scenario);
}
const lastCaption = (name: string) => narrateNatTrace(run(name)).at(-1)?.caption;
const drops = (trace: NatTrace) => trace.events.flatMap((e) => (e.type === 'drop' ? [`${e.at} ${e.reason}`] : []));

describe('NAT_PRESETS', () => {
  test('NAT_PRESETS lists the seven presets the NatSimulator wrapper accepts, in teaching order', () => {
    expect(NAT_PRESETS.map((p) => p.name)).toEqual(['outbound', 'two-hosts-one-port', 'inbound-without-forward', 'port-forward', 'hairpin', 'cgnat', 'mapping-timeout']);
  });

  test.each(NAT_PRESETS.map((p) => [p.name, p] as const))('preset %s is a valid scenario with a title and a one-line description', (name, p) => {
    expect(validateNatScenario(p.scenario).problems).toEqual([]);
    expect(p.scenario.name).toBe(name);
    expect(p.title.length).toBeGreaterThan(0);
    expect(p.description).not.toMatch(/\n/);
    expect(p.description.length).toBeLessThanOrEqual(160);
    expect(runNatScenario(p.scenario).events.at(-1)).toMatchObject({ type: 'end', reason: 'done' });
  });

  test('getNatPreset returns undefined for an unknown name', () => {
    expect(getNatPreset('nope')).toBeUndefined();
  });
});

describe('what each preset shows', () => {
  test('outbound: the web server sees the public address and the mapping is established', () => {
    expect(drops(run('outbound'))).toEqual([]);
    expect(lastCaption('outbound')).toBe('The web server receives the ACK from 203.0.113.5:51000: it sees only the public address, never the private one.');
    expect(natTableAt(run('outbound'), Infinity, 'router').map((r) => r.state)).toEqual(['established']);
  });

  test('two-hosts-one-port: the console gets public port 3076 and its reply', () => {
    const trace = run('two-hosts-one-port');
    expect(natTableAt(trace, Infinity, 'router').map((r) => `${r.inside.address}:${r.inside.port} ${r.outside.port}`)).toEqual(['192.168.1.10:3074 3074', '192.168.1.20:3074 3076']);
    expect(lastCaption('two-hosts-one-port')).toBe('The game console receives the UDP reply from 192.0.2.44:3074.');
  });

  test('inbound-without-forward: the SYN is dropped silently at the router', () => {
    expect(drops(run('inbound-without-forward'))).toEqual(['router no-mapping']);
    expect(lastCaption('inbound-without-forward')).toContain('so it drops the SYN silently');
  });

  test('port-forward: the connection reaches the laptop', () => {
    expect(drops(run('port-forward'))).toEqual([]);
    expect(lastCaption('port-forward')).toBe('The laptop receives the ACK from 192.0.2.44:40000.');
  });

  test('hairpin: the laptop sees the console’s public address', () => {
    expect(drops(run('hairpin'))).toEqual([]);
    expect(lastCaption('hairpin')).toBe('The laptop receives the ACK from 203.0.113.5:52000: the sender\'s public address and port, as hairpinning requires (RFC 4787 REQ-9a).');
  });

  test('cgnat: the CGN drops the friend’s SYN despite the forward', () => {
    expect(drops(run('cgnat'))).toEqual(['cgn cgn-no-forward']);
    expect(lastCaption('cgnat')).toContain('The carrier-grade NAT has no mapping for TCP port 8080 on 198.51.100.7');
  });

  test('mapping-timeout: the refreshed mapping expires at 7 min and the friend’s packet is dropped', () => {
    const trace = run('mapping-timeout');
    expect(trace.events.filter((e) => e.type === 'mapping' && e.action === 'expired').map((e) => e.t)).toEqual([420_002]);
    expect(drops(trace)).toEqual(['router no-mapping']);
    expect(lastCaption('mapping-timeout')).toContain('The router has no mapping and no forwarding rule for UDP port 3074, so it drops the UDP datagram');
  });
});
