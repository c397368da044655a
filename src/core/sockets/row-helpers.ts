/**
 * Helpers shared by the dialect parsers: the per-line result type and endpoint building.
 */
import { normaliseEndpoint, isNoPeer, type RawEndpoint, type ServiceResolver, type WildcardStyle } from './address.ts';
import { lookupStateWord } from './states.ts';
import type { Endpoint, OsFamily, Proto, SocketFormat, SocketRow, TcpState } from './types.ts';

/** What a dialect parser says about one line. */
export type LineResult =
  | { kind: 'row'; row: SocketRow; notes: RowNote[]; protoGuessed?: boolean }
  /** A socket line of a kind we do not explain (unix, raw, icmp…): skipped with one note per run. */
  | { kind: 'skip'; what: string };

/** A problem with a row that still became a row. */
export interface RowNote {
  reason: string;
  severity: 'warning' | 'info';
}

/** Everything a dialect parser needs besides the line. */
export interface LineContext {
  line: number;
  resolve: ServiceResolver;
  /** ss without a Netid column: the protocol implied by the command or the block. */
  ssProto?: Proto;
  /** PowerShell: the header said Get-NetUDPEndpoint. */
  psUdp?: boolean;
}

export const OS_OF_FORMAT: Record<SocketFormat, OsFamily> = {
  'linux-netstat': 'linux',
  ss: 'linux',
  'windows-netstat': 'windows',
  powershell: 'windows',
  'bsd-netstat': 'bsd',
  lsof: 'unknown',
};

/** Builds the local endpoint, recording an unresolved service name. */
export function localEndpoint(
  raw: RawEndpoint,
  wildcard: WildcardStyle,
  proto: Proto,
  ctx: LineContext,
  notes: RowNote[],
): Endpoint {
  const { endpoint, unresolved, candidates } = normaliseEndpoint(raw, wildcard, proto, ctx.resolve);
  if (unresolved !== undefined) notes.push(unresolvedNote(unresolved, candidates));
  return endpoint;
}

/** Builds the remote endpoint, or null when the tool printed "no peer". */
export function remoteEndpoint(
  raw: RawEndpoint | undefined,
  wildcard: WildcardStyle,
  proto: Proto,
  ctx: LineContext,
  notes: RowNote[],
): Endpoint | null {
  if (!raw || isNoPeer(raw)) return null;
  const { endpoint, unresolved, candidates } = normaliseEndpoint(raw, wildcard, proto, ctx.resolve);
  if (unresolved !== undefined) notes.push(unresolvedNote(unresolved, candidates));
  return endpoint;
}

function unresolvedNote(name: string, candidates: readonly number[] | undefined): RowNote {
  if (candidates) {
    return {
      reason: `The port is printed as "${name}", a name several ports carry (${candidates.join(', ')}); run the command with -n to see the number.`,
      severity: 'warning',
    };
  }
  return /^\d+$/.test(name)
    ? { reason: `Port ${name} is larger than 65535, so it cannot be a port number.`, severity: 'warning' }
    : {
        reason: `The port is printed as the name "${name}", which is not a known service name (it may be cut short); run the command with -n to see numbers.`,
        severity: 'warning',
      };
}

/** Reads a TCP state word; UDP rows keep their word but get no TCP state. */
export function readState(
  word: string,
  proto: Proto,
  notes: RowNote[],
): { state: TcpState | null; known: boolean } {
  if (word === '') return { state: null, known: true };
  const found = lookupStateWord(word);
  if (!found) {
    notes.push({ reason: `The state "${word}" is not a word we know.`, severity: 'warning' });
    return { state: null, known: false };
  }
  if (proto === 'udp') return { state: null, known: true };
  return { state: found.state, known: true };
}

/** Parses a non-negative integer column; undefined when it is not one. */
export function int(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
