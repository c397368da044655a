/**
 * State words as the tools print them, mapped to RFC 9293 §3.3.2 names.
 *
 * Keys are normalised by `stateKey()`: upper case, without `_`, `-` and spaces, so `TIME_WAIT`
 * (netstat), `TIME-WAIT` (ss) and `TimeWait` (PowerShell) share one key.
 */
import type { TcpState } from './types.ts';

/** What a printed state word means. */
export interface StateWord {
  /** RFC 9293 state; null where the word is not a TCP state (UDP `UNCONN`). */
  state: TcpState | null;
  /** Extra meaning beyond the RFC state. */
  kind: 'tcp' | 'bound' | 'unconnected' | 'delete-tcb' | 'unknown';
  /** The language of the word ('en' for the tools' own English words). */
  lang: string;
  /** False where we could not find the word in real output (see the table comments). */
  verified: boolean;
}

/** Normalises a printed state word to a lookup key. */
export function stateKey(word: string): string {
  return word.toUpperCase().replace(/[\s_-]+/g, '');
}

type Row = readonly [word: string, state: TcpState | null, kind?: StateWord['kind']];

/**
 * The tools' own spellings (FACTS.md §1.2): Linux net-tools `tcp_state[]`, iproute2
 * `sstate_name[]`, Apple network_cmds `tcpstates[]`, Windows netstat.exe (LISTENING, SYN_RECEIVED…;
 * Microsoft's doc page also lists SYN_SEND and TIMED_WAIT), lsof (Linux and BSD kernel words) and
 * PowerShell's `Get-NetTCPConnection` State enum (Listen, TimeWait, Bound, DeleteTCB…).
 * All keys collapse separators, so one row covers TIME_WAIT, TIME-WAIT and TimeWait.
 */
const ENGLISH: readonly Row[] = [
  ['LISTEN', 'LISTEN'],
  ['LISTENING', 'LISTEN'],
  ['SYN_SENT', 'SYN-SENT'],
  ['SYN_SEND', 'SYN-SENT'], // Microsoft's netstat doc page spelling
  ['SYN_RECV', 'SYN-RECEIVED'],
  ['SYN_RCVD', 'SYN-RECEIVED'],
  ['SYN_RECEIVED', 'SYN-RECEIVED'],
  ['ESTAB', 'ESTABLISHED'],
  ['ESTABLISHED', 'ESTABLISHED'],
  ['FIN_WAIT1', 'FIN-WAIT-1'],
  ['FIN_WAIT2', 'FIN-WAIT-2'],
  ['CLOSE_WAIT', 'CLOSE-WAIT'],
  ['CLOSING', 'CLOSING'],
  ['LAST_ACK', 'LAST-ACK'],
  ['TIME_WAIT', 'TIME-WAIT'],
  ['TIMED_WAIT', 'TIME-WAIT'], // Microsoft's netstat doc page spelling
  ['CLOSE', 'CLOSED'], // net-tools
  ['CLOSED', 'CLOSED'],
  ['UNCONN', null, 'unconnected'], // ss: a socket with no peer (UDP, or TCP before listen/connect)
  ['BOUND', 'CLOSED', 'bound'], // Windows netstat -q, PowerShell: bound, neither listening nor connected
  ['DELETE_TCB', 'CLOSED', 'delete-tcb'], // MIB_TCP_STATE 12 / PowerShell DeleteTCB
  ['UNKNOWN', null, 'unknown'], // net-tools for UDP sockets in odd states
];

/**
 * Localised Windows netstat state words. Windows translates the state column in some UI
 * languages and not in others; everything else on the row (TCP/UDP, addresses, PID) is never
 * translated, which is why rows are recognised by shape.
 *
 * verified = seen in real output or in several independent public sources:
 * - German ABHÖREN / HERGESTELLT: datensicherheit.oclink.de "Portrisiko" page (Windows XP
 *   screenshots described as "Abhören", "Hergestellt") and several public test fixtures in code
 *   that parses German Windows output.
 * - Spanish ESCUCHANDO / ESTABLECIDO: public test fixtures of Spanish Windows output (several
 *   unrelated repositories), where TIME_WAIT stays in English.
 * Languages whose Windows keeps the English words (no table needed): Russian (seed article 002
 * reads "LISTENING" under the Russian column header "Состояние"), Chinese (netstat -ano pasted in
 * GitHub issue billfeller/billfeller.github.io#174 under "活动连接": TIME_WAIT), Japanese
 * (win2012r2.com netstat article: "アクティブな接続", LISTENING / ESTABLISHED).
 *
 * verified = false: the remaining words are our best reading of the Windows translations and have
 * NOT been checked against a real localised Windows; they only widen what we recognise. A row
 * whose word is unknown still parses, and a TCP row with a wildcard foreign address is then read
 * as LISTEN from its shape (see windows-netstat.ts). Polish Windows may well print English words.
 */
const LOCALISED: readonly (readonly [lang: string, verified: boolean, rows: readonly Row[]])[] = [
  ['de', true, [['ABHÖREN', 'LISTEN'], ['HERGESTELLT', 'ESTABLISHED']]],
  [
    'de',
    false,
    [
      ['WARTEND', 'TIME-WAIT'],
      ['SCHLIESSEN_WARTEN', 'CLOSE-WAIT'],
      ['SYN_GESENDET', 'SYN-SENT'],
      ['SYN_EMPFANGEN', 'SYN-RECEIVED'],
      ['FIN_WARTEN_1', 'FIN-WAIT-1'],
      ['FIN_WARTEN_2', 'FIN-WAIT-2'],
      ['LETZTES_ACK', 'LAST-ACK'],
      ['SCHLIESSEN', 'CLOSING'],
      ['GESCHLOSSEN', 'CLOSED'],
      ['GEBUNDEN', 'CLOSED', 'bound'],
    ],
  ],
  ['es', true, [['ESCUCHANDO', 'LISTEN'], ['ESTABLECIDO', 'ESTABLISHED']]],
  ['es', false, [['SYN_ENVIADO', 'SYN-SENT'], ['SYN_RECIBIDO', 'SYN-RECEIVED'], ['CERRADO', 'CLOSED'], ['ENLAZADO', 'CLOSED', 'bound']]],
  ['fr', false, [["À L'ÉCOUTE", 'LISTEN'], ['ÉCOUTE', 'LISTEN'], ['ÉTABLIE', 'ESTABLISHED'], ['FERMÉ', 'CLOSED']]],
  ['pt', false, [['OUVINDO', 'LISTEN'], ['ESCUTANDO', 'LISTEN'], ['ESTABELECIDA', 'ESTABLISHED'], ['FECHADO', 'CLOSED']]],
  ['it', false, [['IN ASCOLTO', 'LISTEN'], ['STABILITA', 'ESTABLISHED'], ['CHIUSO', 'CLOSED']]],
  ['pl', false, [['NASŁUCHIWANIE', 'LISTEN'], ['USTANOWIONO', 'ESTABLISHED'], ['ZAMKNIĘTE', 'CLOSED']]],
];

const WORDS = new Map<string, StateWord>();
for (const [word, state, kind = 'tcp'] of ENGLISH) {
  WORDS.set(stateKey(word), { state, kind, lang: 'en', verified: true });
}
for (const [lang, verified, rows] of LOCALISED) {
  for (const [word, state, kind = 'tcp'] of rows) {
    const key = stateKey(word);
    if (!WORDS.has(key)) WORDS.set(key, { state, kind, lang, verified });
  }
}

/** Looks up a printed state word ('TIME_WAIT', 'ESTAB', 'TimeWait', 'ABHÖREN'); undefined if unknown. */
export function lookupStateWord(word: string): StateWord | undefined {
  if (word === '' || word.length > 40) return undefined;
  return WORDS.get(stateKey(word));
}

/** Every known word with its meaning, for documentation and tests. */
export function knownStateWords(): ReadonlyMap<string, StateWord> {
  return WORDS;
}
