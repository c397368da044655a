/**
 * The NAT trace: what {@link runNatScenario} returns and what the NAT widget renders. A
 * time-ordered list of plain-data events. This file is a contract: keep names and meanings stable
 * (add fields, never repurpose them) and bump {@link NAT_TRACE_VERSION} on incompatible changes.
 */

import type { NatEndpoint, NatHostId, NatProto } from './addresses.ts';
import type { ForwardRule, NatScenarioProblem, NatStep, ResolvedNatScenario } from './scenario.ts';

export const NAT_TRACE_VERSION = 1;

/** The two translators: the home router, and the ISP's carrier-grade NAT (only with `cgnat`). */
export type NatId = 'router' | 'cgn';

/** The ladder's vertical lines: every home device, the router, the CGN, every internet host. */
export type NatLane = 'home' | 'router' | 'cgn' | 'internet';

/** A place a packet can be: a host, a translator, or an internet address no host answers at. */
export type NatNode = NatHostId | NatId | 'nowhere';

/**
 * What a packet is: a TCP segment by its control bits ("SYN", "SYN-ACK", "ACK", "data", "FIN",
 * "FIN-ACK"), a UDP datagram (a `datagram` asks for an answer, a `reply` is one), or a PCP
 * message (RFC 6887).
 */
export type PacketKind = 'SYN' | 'SYN-ACK' | 'ACK' | 'data' | 'FIN' | 'FIN-ACK' | 'datagram' | 'reply' | 'pcp-request' | 'pcp-response';

/** A packet as it is on one leg of its way: addresses change at every translator. */
export interface NatPacket {
  /** Stable across legs and translations. */
  id: number;
  proto: NatProto;
  kind: PacketKind;
  src: NatEndpoint;
  dst: NatEndpoint;
}

/** A packet's addresses: protocol, source and destination. */
export interface FiveTuple {
  proto: NatProto;
  src: NatEndpoint;
  dst: NatEndpoint;
}

/** What an idle timer is, how long it runs, and the rule behind it. */
export interface NatTimer {
  kind: 'udp' | 'tcp-transitory' | 'tcp-established' | 'pcp-lifetime';
  ms: number;
  /** "RFC 4787 REQ-5", "RFC 5382 REQ-5", "RFC 6887 §15". */
  rule: string;
}

/** TCP session states as the NAT tracks them (RFC 5382 REQ-5's "transitory" = opening or closing); `udp` for UDP. */
export type SessionState = 'opening' | 'established' | 'closing' | 'udp';

/** One remote endpoint a mapping carries traffic with, and its idle timer. */
export interface SessionSnapshot {
  remote: NatEndpoint;
  state: SessionState;
  /** When the session is forgotten unless refreshed. */
  expiresAt: number;
  timer: NatTimer;
}

/** A NAT mapping (binding) and its sessions, as it is just after the change an event reports. */
export interface MappingSnapshot {
  /** Unique within its NAT for the whole run. */
  id: number;
  proto: NatProto;
  inside: NatEndpoint;
  outside: NatEndpoint;
  /** A static mapping made by a port forward (RFC 3022 §2.2): it lasts as long as the forward. */
  static: boolean;
  sessions: SessionSnapshot[];
  /** When a dynamic mapping ends unless refreshed (its last session's timer); null for a static one. */
  expiresAt: number | null;
}

/** A step of the scenario begins. */
export interface NatStepEvent {
  t: number;
  type: 'step';
  /** Index in `scenario.steps`. */
  index: number;
  step: NatStep;
}

/** A `wait` step's time is up. */
export interface NatWaitedEvent {
  t: number;
  type: 'waited';
  /** Index of the wait step in `scenario.steps`. */
  index: number;
  minutes: number;
}

/**
 * A packet crosses one link, from `from` to `to`, leaving at `t` and arriving (or vanishing) at
 * `t1`. A ladder draws one arrow per leg: "each packet drawn as two arrows", the inside leg with
 * the original addresses and the outside leg with the translated ones.
 */
export interface NatLegEvent {
  t: number;
  type: 'leg';
  packet: NatPacket;
  from: NatNode;
  to: NatNode;
  fromLane: NatLane;
  toLane: NatLane;
  t1: number;
  /** `lost`: dropped on the way (an unroutable address), `where` along the link. */
  fate: 'arrives' | 'lost';
  where: number;
}

/** A translator rewrites a packet. */
export interface NatTranslateEvent {
  t: number;
  type: 'translate';
  nat: NatId;
  packetId: number;
  kind: PacketKind;
  /** `outbound` rewrites the source, `inbound` the destination, `hairpin` both (RFC 4787 §6). */
  direction: 'outbound' | 'inbound' | 'hairpin';
  before: FiveTuple;
  after: FiveTuple;
  /** How the translation was found: a mapping made now, one that existed, or a port forward. */
  via: 'new-mapping' | 'mapping' | 'forward';
  mappingId: number;
  /** Set when the router could not keep the inside port: the port wanted and why. */
  portChanged?: { wanted: number; reason: 'in-use' | 'no-preservation' };
  /** For a hairpin: the mapping that rewrote the source, and whether it was new. */
  source?: { mappingId: number; created: boolean };
}

/** A mapping was created, refreshed, changed state, gained a session, or expired. */
export interface NatMappingEvent {
  t: number;
  type: 'mapping';
  nat: NatId;
  action: 'created' | 'refreshed' | 'state' | 'session' | 'expired' | 'session-expired' | 'removed';
  /** The mapping after the change (for `expired` and `removed`: as it was when it ended). */
  mapping: MappingSnapshot;
  /** The packet that caused it, if any. */
  packetId?: number;
  /** For `state`: the TCP session whose state changed. */
  remote?: NatEndpoint;
  /** The timer that ran out (`expired`, `session-expired`) or was (re)started. */
  timer?: NatTimer;
}

/** A host receives a packet. */
export interface NatDeliverEvent {
  t: number;
  type: 'deliver';
  host: NatHostId;
  packet: NatPacket;
  /** What the host makes of it when it does not answer: e.g. a SYN-ACK it did not ask for. */
  note?: 'unexpected' | 'no-answer';
}

/**
 * Why a packet went no further: no mapping and no forward for its port (RFC 5382 REQ-4: the NAT
 * answers nothing, at least for 6 s), a mapping whose filter refuses this sender (RFC 4787 §5),
 * an address the internet does not route (RFC 1918 private or RFC 6598 shared space), a
 * carrier-grade NAT with no mapping (a home router's forward cannot help: RFC 6598 §7, RFC 6888),
 * no host at the address, or no free public port (RFC 4787 REQ-3 forbids sharing one).
 */
export type NatDropReason = 'no-mapping' | 'filtered' | 'unroutable' | 'cgn-no-forward' | 'no-host' | 'no-port';

/** A packet is dropped at `at`. */
export interface NatDropEvent {
  t: number;
  type: 'drop';
  at: NatNode;
  packet: NatPacket;
  reason: NatDropReason;
  /** The RFC rule behind the drop. */
  rule: string;
  /** For `filtered`: the mapping that refused it. */
  mappingId?: number;
  /** For `unroutable`: the kind of address. */
  addressKind?: 'private' | 'shared';
}

/** A port forward on the home router, with how it came to be. */
export interface ActiveForward extends ForwardRule {
  /** `config`: in the scenario from the start; `step`: added by a step; `pcp`: granted over PCP. */
  by: 'config' | 'step' | 'pcp';
  /** PCP forwards end after their lifetime; others last until removed (null). */
  expiresAt: number | null;
  /** For PCP forwards: the lifetime granted, in seconds (RFC 6887 §15). */
  lifetime?: number;
}

/** A forward was added, removed, expired, or could not be made. */
export interface NatForwardEvent {
  t: number;
  type: 'forward';
  action: 'added' | 'removed' | 'expired' | 'refused' | 'not-found';
  forward: ActiveForward;
  /** For `refused`: why. */
  reason?: 'duplicate' | 'port-in-use';
  /** For `refused` with `port-in-use`: the mapping that holds the port. */
  holder?: NatEndpoint;
  /** For PCP forwards: the external port the host asked for, when it got another. */
  requestedPort?: number;
}

/** What a host or the simulator reports: a step that cannot be done, or a simulator problem. */
export interface NatErrorEvent {
  t: number;
  type: 'error';
  on: NatHostId | 'sim';
  code: 'no-connection' | 'invalid-scenario' | 'event-cap' | 'internal';
  message: string;
}

/** Why the run ended: `done`, `event-cap`, `invalid` (the scenario had problems) or `internal` (a bug). */
export type NatEndReason = 'done' | 'event-cap' | 'invalid' | 'internal';

/** Always the last event. */
export interface NatEndEvent {
  t: number;
  type: 'end';
  reason: NatEndReason;
  /** Live mappings per translator at the end. */
  mappings: Record<NatId, number>;
}

export type NatTraceEvent =
  | NatStepEvent
  | NatWaitedEvent
  | NatLegEvent
  | NatTranslateEvent
  | NatMappingEvent
  | NatDeliverEvent
  | NatDropEvent
  | NatForwardEvent
  | NatErrorEvent
  | NatEndEvent;

/** The output of a NAT simulation. */
export interface NatTrace {
  version: typeof NAT_TRACE_VERSION;
  /** The scenario with defaults filled in, or null if it was invalid. */
  scenario: ResolvedNatScenario | null;
  problems: NatScenarioProblem[];
  /** In non-decreasing `t`; the last is always `end`. */
  events: NatTraceEvent[];
}
