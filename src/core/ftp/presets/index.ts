/**
 * Ready-made FTP scenarios for lessons and the widget: one JSON file each (name, title, one-line
 * description, scenario), listed here in teaching order. presets.test.ts checks that every file
 * is valid and shows what its description promises. Addresses are documentation addresses:
 * 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737 §3) and 2001:db8::/32 (RFC 3849);
 * private ones come from 192.168.0.0/16 (RFC 1918 §3).
 */
import type { FtpScenario } from '../scenario.ts';
import active from './active.json' with { type: 'json' };
import passive from './passive.json' with { type: 'json' };
import activeBehindNat from './active-behind-nat.json' with { type: 'json' };
import passiveBehindNat from './passive-behind-nat.json' with { type: 'json' };
import activeWithAlg from './active-with-alg.json' with { type: 'json' };
import epsv from './epsv.json' with { type: 'json' };
import eprtIpv6 from './eprt-ipv6.json' with { type: 'json' };
import activeClientFirewall from './active-client-firewall.json' with { type: 'json' };
import passiveServerFirewall from './passive-server-firewall.json' with { type: 'json' };

/** The preset names, in teaching order. The first six are the names lessons embed. */
export type FtpPresetName =
  | 'active'
  | 'passive'
  | 'active-behind-nat'
  | 'passive-behind-nat'
  | 'active-with-alg'
  | 'epsv'
  | 'eprt-ipv6'
  | 'active-client-firewall'
  | 'passive-server-firewall';

/** A named scenario with a short title and a one-line description. */
export interface FtpPreset {
  name: FtpPresetName;
  title: string;
  description: string;
  scenario: FtpScenario;
}

// JSON imports are typed with plain strings; presets.test.ts validates every file with
// validateFtpScenario, which is what makes this cast safe.
function preset(file: { name: string; title: string; description: string; scenario: unknown }): FtpPreset {
  return file as FtpPreset;
}

/** All FTP presets in a stable order: the two modes, NAT, ALG, the extended commands, firewalls. */
export const FTP_PRESETS: readonly FtpPreset[] = [
  preset(active),
  preset(passive),
  preset(activeBehindNat),
  preset(passiveBehindNat),
  preset(activeWithAlg),
  preset(epsv),
  preset(eprtIpv6),
  preset(activeClientFirewall),
  preset(passiveServerFirewall),
];

/** The preset with this name, or undefined. */
export function getFtpPreset(name: string): FtpPreset | undefined {
  return FTP_PRESETS.find((p) => p.name === name);
}
