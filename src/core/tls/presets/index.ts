/**
 * Ready-made TLS timing scenarios. Each is a JSON file in this folder (name, title, one-line
 * description, scenario) so lesson authors can read and copy them; this index lists them in a
 * stable order, slowest first. presets.test.ts checks every file is a valid scenario and that
 * each shows the round-trip count its description promises.
 */

import type { TlsScenario } from '../scenario.ts';
import tcpTls12 from './tcp-tls12.json' with { type: 'json' };
import tcpTls13 from './tcp-tls13.json' with { type: 'json' };
import tcpTls13HelloRetry from './tcp-tls13-hello-retry.json' with { type: 'json' };
import tcpTls13ZeroRtt from './tcp-tls13-0rtt.json' with { type: 'json' };
import quic from './quic.json' with { type: 'json' };
import quicZeroRtt from './quic-0rtt.json' with { type: 'json' };

/** The preset names (the TlsTiming wrapper's `left` and `right` take these). */
export type TlsPresetName = 'tcp-tls12' | 'tcp-tls13' | 'tcp-tls13-hello-retry' | 'tcp-tls13-0rtt' | 'quic' | 'quic-0rtt';

/** A named scenario with a short title and a one-line description for menus and captions. */
export interface TlsPreset {
  name: TlsPresetName;
  title: string;
  description: string;
  scenario: TlsScenario;
}

// JSON imports type "tcp" as string; presets.test.ts validates every file with
// validateTlsScenario, which is what makes this cast safe.
function preset(file: { name: string; title: string; description: string; scenario: unknown }): TlsPreset {
  return file as TlsPreset;
}

/** All presets: TLS over TCP from the oldest to the fastest start, then QUIC. */
export const TLS_PRESETS: readonly TlsPreset[] = [
  preset(tcpTls12),
  preset(tcpTls13),
  preset(tcpTls13HelloRetry),
  preset(tcpTls13ZeroRtt),
  preset(quic),
  preset(quicZeroRtt),
];

/** The preset with this name, or undefined. */
export function getTlsPreset(name: string): TlsPreset | undefined {
  return TLS_PRESETS.find((p) => p.name === name);
}
