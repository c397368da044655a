/**
 * The port lookup: whatever a person types or pastes becomes either an answer or a clear message.
 * Never throws; cost is bounded by MAX_QUERY_LENGTH, so a 2 MB paste answers at once.
 */
import { ephemeralOn, isPortNumber, portRange, PORT_MAX, type EphemeralRange, type PortRangeInfo } from './ranges.ts';
import { portNote, type PortNote } from './notes.ts';
import type { PortDb, ServiceEntry, Transport } from './services.ts';

/** Longer input cannot be a port or a service name; IANA names are at most 15 characters (RFC 6335 §5.1). */
export const MAX_QUERY_LENGTH = 64;
/** RFC 6335 §5.1: service names are 1–15 characters: letters, digits and hyphens. */
export const SERVICE_NAME_MAX = 15;
/** How many near matches to suggest for an unknown name. */
export const MAX_SUGGESTIONS = 8;

export interface PortAnswer {
  kind: 'port';
  port: number;
  /** Set when the query named a transport ("53/udp"). */
  transport?: Transport;
  range: PortRangeInfo;
  /** IANA entries; undefined where the registry has none for that transport. */
  tcp?: ServiceEntry;
  udp?: ServiceEntry;
  note?: PortNote;
  /** Operating systems whose default ephemeral range contains this port. */
  ephemeralOn: EphemeralRange[];
  /** A remark about how the query was read ("0x50 read as hexadecimal"). */
  remark?: string;
}

export interface ServiceAnswer {
  kind: 'service';
  name: string;
  ports: PortAnswer[];
}

export interface LookupProblem {
  kind: 'problem';
  message: string;
  /** Names that start with or contain the query, for "did you mean". */
  suggestions: string[];
}

export type PortLookupResult = PortAnswer | ServiceAnswer | LookupProblem;

function problem(message: string, suggestions: string[] = []): LookupProblem {
  return { kind: 'problem', message, suggestions };
}

/** Answers for one valid port number. Works without a database (range and notes only). */
export function describePort(port: number, db?: PortDb, transport?: Transport, remark?: string): PortAnswer {
  const answer: PortAnswer = { kind: 'port', port, range: portRange(port), ephemeralOn: ephemeralOn(port) };
  if (transport) answer.transport = transport;
  const tcp = db?.tcp.get(port);
  const udp = db?.udp.get(port);
  if (tcp) answer.tcp = tcp;
  if (udp) answer.udp = udp;
  const note = portNote(port);
  if (note) answer.note = note;
  if (remark) answer.remark = remark;
  return answer;
}

function fromNumberText(digits: string, db: PortDb | undefined, transport?: Transport, remark?: string): PortLookupResult {
  // Digits only: compare by length first so "99999999999999999999" does not lose precision.
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (trimmed.length > 5 || Number(trimmed) > PORT_MAX) {
    return problem(`${digits} is too large: port numbers are 16-bit, from 0 to ${PORT_MAX} (RFC 9293 §3.1).`);
  }
  return describePort(Number(trimmed), db, transport, remark);
}

/**
 * Looks up a port number ("443", "53/udp", "udp/53") or a service name ("https", "SSH").
 * Without `db` (data still loading) numbers still get their range and notes; names get a problem.
 */
export function lookupPort(query: unknown, db?: PortDb): PortLookupResult {
  if (typeof query !== 'string') return problem('Type a port number (0–65535) or a service name.');
  if (query.length > MAX_QUERY_LENGTH * 16) {
    return problem(`That is ${query.length.toLocaleString('en')} characters: too long for a port number or a service name.`);
  }
  const text = query.trim();
  if (text === '') return problem('Type a port number (0–65535) or a service name such as https.');
  if (text.length > MAX_QUERY_LENGTH) {
    return problem(`That is ${text.length} characters: too long for a port number or a service name.`);
  }

  let m = /^(\d+)\s*\/\s*(tcp|udp)$/i.exec(text) ?? null;
  if (m) return fromNumberText(m[1]!, db, m[2]!.toLowerCase() as Transport);
  m = /^(tcp|udp)\s*[/:]\s*(\d+)$/i.exec(text);
  if (m) return fromNumberText(m[2]!, db, m[1]!.toLowerCase() as Transport);
  if (/^\d+$/.test(text)) return fromNumberText(text, db);
  m = /^:(\d+)$/.exec(text); // ":8080" as copied from an address
  if (m) return fromNumberText(m[1]!, db, undefined, `Read ${text} as port ${m[1]}.`);

  if (/^[-−]\s*\d+$/.test(text)) return problem(`${text} is negative: port numbers run from 0 to ${PORT_MAX}.`);
  if (/^\d+\.\d+$/.test(text)) return problem(`${text} is not a whole number: a port is an integer from 0 to ${PORT_MAX}.`);
  m = /^0x([0-9a-f]+)$/i.exec(text);
  if (m) {
    const value = parseInt(m[1]!.slice(-8), 16);
    if (m[1]!.replace(/^0+/, '').length > 4 || !isPortNumber(value)) {
      return problem(`${text} is hexadecimal for a number above ${PORT_MAX}, so it is not a port.`);
    }
    return describePort(value, db, undefined, `${text} is hexadecimal; port numbers are usually written in decimal: ${value}.`);
  }
  m = /^(\d+(?:\.\d+)?)e(\d+)$/i.exec(text);
  if (m) {
    const value = Number(text);
    return problem(
      isPortNumber(value)
        ? `${text} is scientific notation. Write port numbers as plain digits: did you mean ${value}?`
        : `${text} is scientific notation for a number that is not a port (0–${PORT_MAX}).`,
    );
  }

  if (!/^[a-z0-9][a-z0-9-]*$/i.test(text)) {
    return problem('That is neither a port number nor a service name: service names use only letters, digits and hyphens (RFC 6335 §5.1).');
  }
  const name = text.toLowerCase();
  if (!db) return problem('The service-name list is still loading; try again in a moment, or type a number.');
  const found = db.byName.get(name);
  if (found && found.length > 0) {
    const ports = [...new Set(found.map((f) => f.port))].map((p) => describePort(p, db));
    return { kind: 'service', name, ports };
  }
  const suggestions: string[] = [];
  for (const key of db.byName.keys()) {
    if (key.startsWith(name) || (name.length >= 3 && key.includes(name))) suggestions.push(key);
  }
  suggestions.sort((a, b) => Number(!a.startsWith(name)) - Number(!b.startsWith(name)) || a.length - b.length || a.localeCompare(b));
  const tooLong = name.length > SERVICE_NAME_MAX ? ` IANA service names are at most ${SERVICE_NAME_MAX} characters.` : '';
  return problem(`No IANA service is named "${name}".${tooLong}`, suggestions.slice(0, MAX_SUGGESTIONS));
}
