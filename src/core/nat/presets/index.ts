/**
 * Ready-made NAT scenarios for the lesson and the widget. Each preset is a JSON file in this
 * folder (name, title, one-line description, scenario) so lesson authors can read and copy them;
 * this index lists them in teaching order. presets.test.ts checks that every file is a valid
 * scenario and shows what its description promises.
 */

import type { NatScenario } from '../scenario.ts';
import outbound from './outbound.json' with { type: 'json' };
import twoHostsOnePort from './two-hosts-one-port.json' with { type: 'json' };
import inboundWithoutForward from './inbound-without-forward.json' with { type: 'json' };
import portForward from './port-forward.json' with { type: 'json' };
import hairpin from './hairpin.json' with { type: 'json' };
import cgnat from './cgnat.json' with { type: 'json' };
import mappingTimeout from './mapping-timeout.json' with { type: 'json' };

/** The preset names, in teaching order (the NatSimulator wrapper's `preset` prop). */
export type NatPresetName = 'outbound' | 'two-hosts-one-port' | 'inbound-without-forward' | 'port-forward' | 'hairpin' | 'cgnat' | 'mapping-timeout';

/** A named scenario with a short title and a one-line description. */
export interface NatPreset {
  name: NatPresetName;
  title: string;
  description: string;
  scenario: NatScenario;
}

// JSON imports are typed with plain strings ("tcp" widens to string); presets.test.ts validates
// every file with validateNatScenario, which is what makes this cast safe.
function preset(file: { name: string; title: string; description: string; scenario: unknown }): NatPreset {
  return file as NatPreset;
}

/** All NAT presets: going out, sharing ports, coming in, forwards, hairpinning, CGN, timeouts. */
export const NAT_PRESETS: readonly NatPreset[] = [
  preset(outbound),
  preset(twoHostsOnePort),
  preset(inboundWithoutForward),
  preset(portForward),
  preset(hairpin),
  preset(cgnat),
  preset(mappingTimeout),
];

/** The NAT preset with this name, or undefined. */
export function getNatPreset(name: string): NatPreset | undefined {
  return NAT_PRESETS.find((p) => p.name === name);
}
