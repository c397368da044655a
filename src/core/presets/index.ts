/**
 * Ready-made scenarios for lessons and widgets. Each preset is a JSON data file in this folder
 * (name, title, one-line description, scenario) so lesson authors can read and copy them; this
 * index lists them in a stable teaching order. presets.test.ts checks that every file is a valid
 * scenario and that each shows what its description promises.
 */

import type { Scenario } from '../sim/scenario.ts';
import handshake from './handshake.json' with { type: 'json' };
import dataTransfer from './data-transfer.json' with { type: 'json' };
import gracefulClose from './graceful-close.json' with { type: 'json' };
import simultaneousOpen from './simultaneous-open.json' with { type: 'json' };
import simultaneousClose from './simultaneous-close.json' with { type: 'json' };
import connectionRefused from './connection-refused.json' with { type: 'json' };
import lostSyn from './lost-syn.json' with { type: 'json' };
import lostData from './lost-data.json' with { type: 'json' };
import halfClose from './half-close.json' with { type: 'json' };
import abort from './abort.json' with { type: 'json' };
import silentServer from './silent-server.json' with { type: 'json' };

/** The preset names, in teaching order. */
export type PresetName =
  | 'handshake'
  | 'data-transfer'
  | 'graceful-close'
  | 'simultaneous-open'
  | 'simultaneous-close'
  | 'connection-refused'
  | 'lost-syn'
  | 'lost-data'
  | 'half-close'
  | 'abort'
  | 'silent-server';

/** A named scenario with a short title and a one-line description for captions and menus. */
export interface Preset {
  name: PresetName;
  title: string;
  description: string;
  scenario: Scenario;
}

// JSON imports are typed with plain strings ("a" widens to string); the test suite validates
// every file with validateScenario, which is what makes this cast safe.
function preset(file: { name: string; title: string; description: string; scenario: unknown }): Preset {
  return file as Preset;
}

/** All presets in a stable order: opening, data, closing, then what goes wrong. */
export const PRESETS: readonly Preset[] = [
  preset(handshake),
  preset(dataTransfer),
  preset(gracefulClose),
  preset(simultaneousOpen),
  preset(simultaneousClose),
  preset(connectionRefused),
  preset(lostSyn),
  preset(lostData),
  preset(halfClose),
  preset(abort),
  preset(silentServer),
];

/** The preset with this name, or undefined. */
export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
