/**
 * The eleven connection states of RFC 9293 §3.3.2 and the edges of its state diagram (Figure 5,
 * its notes, and the transitions §3.10 adds). The widget uses the edge list to highlight the
 * transition a `state` event took; the property tests use it to prove the model never takes any
 * other.
 */

/**
 * A connection state, spelled exactly as RFC 9293 §3.3.2 spells it. CLOSED is the "fictional"
 * state in which no TCB exists.
 */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

/** All states in the order RFC 9293 §3.3.2 lists them, CLOSED first. */
export const TCP_STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

/**
 * States in which both sides' sequence numbers are known (RFC 9293 §3.5.2 "synchronized
 * states": ESTABLISHED and everything after it).
 */
export const SYNCHRONIZED_STATES: readonly TcpState[] = TCP_STATES.slice(TCP_STATES.indexOf('ESTABLISHED'));

/** True for the synchronized states of RFC 9293 §3.5.2. */
export function isSynchronized(state: TcpState): boolean {
  return SYNCHRONIZED_STATES.includes(state);
}

/**
 * The colour family a state belongs to, matching the `--pl-state-*` design tokens in
 * src/styles/tokens.css, so every widget colours a state the same way.
 */
export type TcpStateFamily = 'closed' | 'listen' | 'opening' | 'established' | 'closing' | 'time-wait';

/** Maps a state to its colour family (see {@link TcpStateFamily}). */
export function stateFamily(state: TcpState): TcpStateFamily {
  switch (state) {
    case 'CLOSED':
      return 'closed';
    case 'LISTEN':
      return 'listen';
    case 'SYN-SENT':
    case 'SYN-RECEIVED':
      return 'opening';
    case 'ESTABLISHED':
      return 'established';
    case 'TIME-WAIT':
      return 'time-wait';
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT':
    case 'CLOSING':
    case 'LAST-ACK':
      return 'closing';
  }
}

/**
 * One legal transition of the RFC 9293 state machine. Each (from, to) pair appears once; `events`
 * lists every event that may cause it, in the RFC's words where it has them.
 */
export interface TcpStateEdge {
  readonly from: TcpState;
  readonly to: TcpState;
  /** The causing events, e.g. "rcv SYN / snd SYN,ACK" (Figure 5 notation: event / action). */
  readonly events: readonly string[];
  /** Where RFC 9293 specifies the transition, e.g. "§3.10.7.2" or "Figure 5". */
  readonly sections: readonly string[];
  /** True when Figure 5 draws the edge; false for transitions only §3.10 or a note describes. */
  readonly inFigure: boolean;
}

// Abort, a reset and the retransmission limit close a connection from every state that has a
// TCB; Figure 5 note 3 leaves those edges out "for legibility", so they are listed here instead.
const ABORT = 'ABORT';
const RCV_RST = 'rcv RST';
const GIVE_UP = 'retransmission limit reached (§3.8.3)';

const EDGES: readonly TcpStateEdge[] = [
  // CLOSED
  { from: 'CLOSED', to: 'LISTEN', events: ['passive OPEN / create TCB'], sections: ['§3.10.1', 'Figure 5'], inFigure: true },
  { from: 'CLOSED', to: 'SYN-SENT', events: ['active OPEN / create TCB, snd SYN'], sections: ['§3.10.1', 'Figure 5'], inFigure: true },
  // LISTEN
  { from: 'LISTEN', to: 'SYN-RECEIVED', events: ['rcv SYN / snd SYN,ACK'], sections: ['§3.10.7.2', 'Figure 5'], inFigure: true },
  { from: 'LISTEN', to: 'SYN-SENT', events: ['SEND or active OPEN / snd SYN'], sections: ['§3.10.1', '§3.10.2', 'Figure 5'], inFigure: true },
  { from: 'LISTEN', to: 'CLOSED', events: ['CLOSE / delete TCB', ABORT], sections: ['§3.10.4', '§3.10.5', 'Figure 5'], inFigure: true },
  // SYN-SENT
  { from: 'SYN-SENT', to: 'SYN-RECEIVED', events: ['rcv SYN / snd SYN,ACK (simultaneous open)'], sections: ['§3.10.7.3', 'Figure 5', 'Figure 7'], inFigure: true },
  { from: 'SYN-SENT', to: 'ESTABLISHED', events: ['rcv SYN,ACK / snd ACK'], sections: ['§3.10.7.3', 'Figure 5'], inFigure: true },
  { from: 'SYN-SENT', to: 'CLOSED', events: ['CLOSE / delete TCB', ABORT, 'rcv RST with acceptable ACK', GIVE_UP], sections: ['§3.10.4', '§3.10.5', '§3.10.7.3', '§3.8.3', 'Figure 5'], inFigure: true },
  // SYN-RECEIVED
  { from: 'SYN-RECEIVED', to: 'ESTABLISHED', events: ['rcv ACK of SYN'], sections: ['§3.10.7.4', 'Figure 5'], inFigure: true },
  { from: 'SYN-RECEIVED', to: 'FIN-WAIT-1', events: ['CLOSE / snd FIN'], sections: ['§3.10.4', 'Figure 5'], inFigure: true },
  { from: 'SYN-RECEIVED', to: 'LISTEN', events: ['rcv RST after a passive OPEN (note 1)', 'rcv SYN in window after a passive OPEN', GIVE_UP], sections: ['§3.10.7.4', 'Figure 5 note 1'], inFigure: true },
  { from: 'SYN-RECEIVED', to: 'CLOSED', events: ['rcv RST after an active OPEN ("connection refused")', ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', 'Figure 5 note 3'], inFigure: false },
  { from: 'SYN-RECEIVED', to: 'CLOSE-WAIT', events: ['rcv FIN / snd ACK'], sections: ['§3.10.7.4 (eighth step)'], inFigure: false },
  // ESTABLISHED
  { from: 'ESTABLISHED', to: 'FIN-WAIT-1', events: ['CLOSE / snd FIN'], sections: ['§3.10.4', 'Figure 5'], inFigure: true },
  { from: 'ESTABLISHED', to: 'CLOSE-WAIT', events: ['rcv FIN / snd ACK'], sections: ['§3.10.7.4', 'Figure 5'], inFigure: true },
  { from: 'ESTABLISHED', to: 'CLOSED', events: [RCV_RST, ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', '§3.8.3', 'Figure 5 note 3'], inFigure: false },
  // FIN-WAIT-1
  { from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', events: ['rcv ACK of FIN'], sections: ['§3.10.7.4', 'Figure 5'], inFigure: true },
  { from: 'FIN-WAIT-1', to: 'CLOSING', events: ['rcv FIN / snd ACK (simultaneous close)'], sections: ['§3.10.7.4', 'Figure 5', 'Figure 13'], inFigure: true },
  { from: 'FIN-WAIT-1', to: 'TIME-WAIT', events: ['rcv FIN that also ACKs our FIN / snd ACK (note 2)'], sections: ['§3.10.7.4', 'Figure 5 note 2'], inFigure: false },
  { from: 'FIN-WAIT-1', to: 'CLOSED', events: [RCV_RST, ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', '§3.8.3', 'Figure 5 note 3'], inFigure: false },
  // FIN-WAIT-2
  { from: 'FIN-WAIT-2', to: 'TIME-WAIT', events: ['rcv FIN / snd ACK'], sections: ['§3.10.7.4', 'Figure 5'], inFigure: true },
  { from: 'FIN-WAIT-2', to: 'CLOSED', events: [RCV_RST, ABORT], sections: ['§3.10.7.4', '§3.10.5', 'Figure 5 note 3'], inFigure: false },
  // CLOSE-WAIT
  { from: 'CLOSE-WAIT', to: 'LAST-ACK', events: ['CLOSE / snd FIN'], sections: ['§3.10.4', 'Figure 5'], inFigure: true },
  { from: 'CLOSE-WAIT', to: 'CLOSED', events: [RCV_RST, ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', '§3.8.3', 'Figure 5 note 3'], inFigure: false },
  // CLOSING
  { from: 'CLOSING', to: 'TIME-WAIT', events: ['rcv ACK of FIN'], sections: ['§3.10.7.4', 'Figure 5'], inFigure: true },
  { from: 'CLOSING', to: 'CLOSED', events: [RCV_RST, ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', '§3.8.3', 'Figure 5 note 3'], inFigure: false },
  // LAST-ACK
  { from: 'LAST-ACK', to: 'CLOSED', events: ['rcv ACK of FIN / delete TCB', RCV_RST, ABORT, GIVE_UP], sections: ['§3.10.7.4', '§3.10.5', '§3.8.3', 'Figure 5'], inFigure: true },
  // TIME-WAIT
  { from: 'TIME-WAIT', to: 'CLOSED', events: ['Timeout=2MSL / delete TCB', RCV_RST, ABORT], sections: ['§3.10.8', '§3.10.7.4', '§3.10.5', 'Figure 5'], inFigure: true },
];

const EDGE_INDEX = new Map(EDGES.map((e) => [`${e.from}>${e.to}`, e]));

/**
 * Every legal transition of the RFC 9293 state machine as this model implements it: Figure 5, its
 * notes 1 and 2, and the closes by RST, ABORT and the retransmission limit that note 3 and §3.10
 * describe. Not included: note 3's optional "send RST, then TIME-WAIT" (this model's ABORT goes
 * straight to CLOSED, as §3.10.5 says) and the TIME-WAIT → SYN-RECEIVED reopening of RFC 6191,
 * which needs timestamps.
 */
export function tcpStateEdges(): readonly TcpStateEdge[] {
  return EDGES;
}

/** The edge from `from` to `to`, or undefined if RFC 9293 has no such transition. */
export function findStateEdge(from: TcpState, to: TcpState): TcpStateEdge | undefined {
  return EDGE_INDEX.get(`${from}>${to}`);
}

/** True when RFC 9293 allows a direct transition from `from` to `to`. */
export function isLegalTransition(from: TcpState, to: TcpState): boolean {
  return EDGE_INDEX.has(`${from}>${to}`);
}
