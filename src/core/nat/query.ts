/**
 * Reading a NAT trace at time t: each translator's table of mappings, the port forwards in force,
 * and the packet a widget shows "before and after" the router. Pure functions of (trace, t), so a
 * widget renders any instant, forwards or backwards, from these alone.
 */

import type { NatEndpoint, NatProto } from './addresses.ts';
import type { ActiveForward, MappingSnapshot, NatDropEvent, NatId, NatTrace, NatTranslateEvent, SessionState } from './trace.ts';

/** One row of a translation table: a session of a mapping, or a forward's static mapping with no session. */
export interface NatTableRow {
  /** Stable key: mapping id and remote. */
  key: string;
  mappingId: number;
  proto: NatProto;
  inside: NatEndpoint;
  outside: NatEndpoint;
  /** The remote endpoint of the session; null for an idle forward (anyone may connect). */
  remote: NatEndpoint | null;
  /** `forward` for an idle static mapping. */
  state: SessionState | 'forward';
  /** A static mapping made by a port forward. */
  static: boolean;
  /** When the row is forgotten unless refreshed; null = as long as the forward lasts. */
  expiresAt: number | null;
}

/** Live mappings of `nat` just after every event at or before `t`, as snapshots, in creation order. */
export function mappingsAt(trace: NatTrace, t: number, nat: NatId): MappingSnapshot[] {
  const live = new Map<number, MappingSnapshot>();
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type !== 'mapping' || e.nat !== nat) continue;
    if (e.action === 'expired' || e.action === 'removed') live.delete(e.mapping.id);
    else live.set(e.mapping.id, e.mapping);
  }
  return [...live.values()].sort((a, b) => a.id - b.id);
}

/** The translation table of `nat` at time `t`: one row per session (and one per idle forward). */
export function natTableAt(trace: NatTrace, t: number, nat: NatId): NatTableRow[] {
  const rows: NatTableRow[] = [];
  for (const m of mappingsAt(trace, t, nat)) {
    const base = { mappingId: m.id, proto: m.proto, inside: m.inside, outside: m.outside, static: m.static };
    if (m.sessions.length === 0) {
      rows.push({ ...base, key: `${m.id}|*`, remote: null, state: 'forward', expiresAt: null });
      continue;
    }
    for (const s of m.sessions) {
      rows.push({ ...base, key: `${m.id}|${s.remote.address}:${s.remote.port}`, remote: s.remote, state: s.state, expiresAt: s.expiresAt });
    }
  }
  return rows;
}

/** The port forwards on the home router after every event at or before `t`. */
export function forwardsAt(trace: NatTrace, t: number): ActiveForward[] {
  let list: ActiveForward[] = [];
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type !== 'forward') continue;
    const same = (f: ActiveForward) => f.proto === e.forward.proto && f.publicPort === e.forward.publicPort;
    if (e.action === 'added') list = [...list.filter((f) => !same(f)), e.forward];
    else if (e.action === 'removed' || e.action === 'expired') list = list.filter((f) => !same(f));
  }
  return list;
}

/** What a widget shows as "the packet at the router": a translation or a drop, and whether it happens in the step shown. */
export type PacketView = { kind: 'translate'; event: NatTranslateEvent; now: boolean } | { kind: 'drop'; event: NatDropEvent; now: boolean };

/**
 * The translation or drop to show for the step whose events are `[first, end)`: the last one in
 * the step if there is one (`now: true`), else the latest before it, else null.
 */
export function packetViewAt(trace: NatTrace, first: number, end: number): PacketView | null {
  const pick = (i: number): PacketView | null => {
    const e = trace.events[i];
    if (e === undefined) return null;
    if (e.type === 'translate') return { kind: 'translate', event: e, now: i >= first };
    if (e.type === 'drop' && (e.at === 'router' || e.at === 'cgn')) return { kind: 'drop', event: e, now: i >= first };
    return null;
  };
  for (let i = Math.min(end, trace.events.length) - 1; i >= 0; i -= 1) {
    const v = pick(i);
    if (v !== null) return v;
  }
  return null;
}
