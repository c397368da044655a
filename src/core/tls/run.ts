/**
 * Scenario → trace for the TLS timing model. The handshakes are the flights the RFC figures draw,
 * placed on a symmetric path where every flight takes half a round trip and nobody waits except
 * the server, which spends `serverTime` on the HTTP request. Pure and deterministic.
 *
 * Times are counted in half round trips (`half`) plus server time (`extra`), so round-trip counts
 * are exact integers and the milliseconds are `half × rtt / 2 + extra`.
 */

import {
  CLIENT_ADDRESS,
  CLIENT_PORT,
  HTTPS_PORT,
  resolveTlsScenario,
  SERVER_ADDRESS,
  validateTlsScenario,
  type ResolvedTlsScenario,
} from './scenario.ts';
import {
  TLS_MILESTONES,
  TLS_TRACE_VERSION,
  type QuicPacketType,
  type TlsLayer,
  type TlsMessage,
  type TlsMilestone,
  type TlsSide,
  type TlsTrace,
  type TlsTraceEvent,
} from './trace.ts';

// RFC sections, named once so the flights below read like the figures.
const TCP_HANDSHAKE = 'RFC 9293 §3.5';
const TLS13_FULL = 'RFC 8446 §2';
const TLS13_HRR = 'RFC 8446 §2.1';
const TLS13_0RTT = 'RFC 8446 §2.3';
const TLS12_FULL = 'RFC 5246 §7.3';
const QUIC_HANDSHAKE = 'RFC 9000 §7';
const QUIC_DONE = 'RFC 9000 §19.20';
const QUIC_NO_EOED = 'RFC 9001 §8.3';
const HTTP_OVER_TLS = 'RFC 9112 §9.7';
const HTTP3 = 'RFC 9114 §4.1';

/** One flight as planned: who sends what, when (in half round trips plus server time). */
interface PlannedFlight {
  from: TlsSide;
  half: number;
  extra: number;
  messages: TlsMessage[];
  observer: string;
}

interface PlannedMilestone {
  milestone: TlsMilestone;
  half: number;
  extra: number;
  section: string;
}

interface Plan {
  flights: PlannedFlight[];
  milestones: PlannedMilestone[];
}

/** Layers from the wire up: a flight takes the colour of its highest layer. */
const LAYER_RANK: Readonly<Record<TlsLayer, number>> = { tcp: 0, quic: 1, tls: 2, http: 3 };

function message(name: string, layer: TlsLayer, encrypted: boolean, section: string, more: { extensions?: string[]; packet?: QuicPacketType; early?: true } = {}): TlsMessage {
  const m: TlsMessage = { name, layer, encrypted, extensions: more.extensions ?? [], section };
  if (more.packet !== undefined) m.packet = more.packet;
  if (more.early !== undefined) m.early = more.early;
  return m;
}

/** How a message is written on its arrow: encrypted ones in braces, as RFC 8446 §2 writes them. */
export function messageLabel(m: TlsMessage): string {
  const text = `${m.name}${m.early === true ? ' (early data)' : ''}${m.extensions.map((e) => ` +${e}`).join('')}`;
  return m.encrypted ? `{${text}}` : text;
}

/** The arrow label of a flight: its messages in order, separated by commas. */
export function flightLabel(messages: readonly TlsMessage[]): string {
  return messages.map(messageLabel).join(', ');
}

/** The client's side of the connection and the server's, as an observer writes them. */
function endpoints(): { client: string; server: string } {
  return { client: `${CLIENT_ADDRESS}:${CLIENT_PORT}`, server: `${SERVER_ADDRESS}:${HTTPS_PORT}` };
}

/** The flights and milestones of a scenario, following the RFC figures. */
function plan(s: ResolvedTlsScenario): Plan {
  const flights: PlannedFlight[] = [];
  const milestones: PlannedMilestone[] = [];
  const send = (from: TlsSide, half: number, messages: TlsMessage[], observer: string, extra = 0) => flights.push({ from, half, extra, messages, observer });
  const mark = (milestone: TlsMilestone, half: number, section: string, extra = 0) => milestones.push({ milestone, half, extra, section });
  const quic = s.transport === 'quic';
  const { client, server } = endpoints();
  const sni = s.serverName;
  // The HTTP messages: HTTP/1.1 or HTTP/2 over TLS on TCP, HTTP/3 on QUIC streams.
  const httpSection = quic ? HTTP3 : HTTP_OVER_TLS;
  const pkt = (packet: QuicPacketType) => (quic ? { packet } : {});
  const request = (early: boolean) => message('HTTP request', 'http', true, early ? TLS13_0RTT : httpSection, { ...pkt(early ? '0-RTT' : '1-RTT'), ...(early ? { early: true as const } : {}) });
  const response = () => message('HTTP response', 'http', true, httpSection, pkt('1-RTT'));
  const requestSeen = 'Encrypted application data: the size and timing of the request, not the URL, the headers or the cookies.';
  const responseSeen = 'Encrypted application data: the size and timing of the response, not its content.';

  let half = 0;
  if (!quic) {
    // RFC 9293 §3.5 Figure 6: SYN, SYN-ACK, ACK before any TLS byte can flow.
    send('client', 0, [message('SYN', 'tcp', false, TCP_HANDSHAKE)], `A TCP SYN from ${client} to ${server}: someone is opening a connection to port ${HTTPS_PORT}, the HTTPS port.`);
    send('server', 1, [message('SYN-ACK', 'tcp', false, TCP_HANDSHAKE)], `The server's SYN-ACK: port ${HTTPS_PORT} accepts connections.`);
    mark('tcp-established', 2, TCP_HANDSHAKE);
    half = 2;
  }
  // The client's first TLS flight goes out with the ACK that completes the TCP handshake.
  const withAck = (messages: TlsMessage[]) => (!quic && half === 2 ? [message('ACK', 'tcp', false, TCP_HANDSHAKE), ...messages] : messages);
  const chPrefix = quic
    ? `A QUIC Initial packet in a UDP datagram from ${client} to ${server}. Its keys derive from the connection ID sent in clear, so anyone on the path can decrypt it (RFC 9001 §5.2): the ClientHello inside names the server ${sni} (SNI)`
    : `${!quic && half === 2 ? "The client's ACK, then the " : 'The '}ClientHello in clear: the server name ${sni} (SNI)`;

  if (s.tls === '1.2') {
    // RFC 5246 §7.3 Figure 1. TLS 1.2 over TCP only (validation refuses QUIC).
    send('client', half, withAck([message('ClientHello', 'tls', false, TLS12_FULL, { extensions: ['server_name'] })]), `${chPrefix}, the TLS versions and cipher suites offered.`);
    send(
      'server',
      half + 1,
      [
        message('ServerHello', 'tls', false, TLS12_FULL),
        message('Certificate', 'tls', false, TLS12_FULL),
        message('ServerKeyExchange', 'tls', false, TLS12_FULL),
        message('ServerHelloDone', 'tls', false, TLS12_FULL),
      ],
      `All in clear: the chosen cipher suite, the server's key exchange parameters and its certificate — who the server is (${sni}) and which authority vouched for it.`,
    );
    // Finished is the first message protected with the just-negotiated keys (RFC 5246 §7.4.9).
    send(
      'client',
      half + 2,
      [message('ClientKeyExchange', 'tls', false, TLS12_FULL), message('ChangeCipherSpec', 'tls', false, TLS12_FULL), message('Finished', 'tls', true, 'RFC 5246 §7.4.9')],
      "ClientKeyExchange (the client's key share) and ChangeCipherSpec in clear, then an encrypted record: only its size.",
    );
    send('server', half + 3, [message('ChangeCipherSpec', 'tls', false, TLS12_FULL), message('Finished', 'tls', true, 'RFC 5246 §7.4.9')], 'ChangeCipherSpec in clear, then an encrypted record: only its size.');
    mark('handshake-complete', half + 4, TLS12_FULL);
    send('client', half + 4, [request(false)], requestSeen);
    mark('request-sent', half + 4, httpSection);
    send('server', half + 5, [response()], responseSeen, s.serverTime);
    mark('first-byte', half + 6, httpSection, s.serverTime);
    return { flights, milestones };
  }

  const keyShareHello = ['supported_versions', 'key_share', 'server_name'];
  const chSeen = `${chPrefix}, the versions and cipher suites offered and a key share.`;
  if (s.start === 'hello-retry') {
    // RFC 8446 §2.1 Figure 2: the key_share guess was for a group the server does not take.
    send('client', half, withAck([message('ClientHello', 'tls', false, TLS13_HRR, { extensions: keyShareHello, ...pkt('Initial') })]), chSeen);
    send(
      'server',
      half + 1,
      [message('HelloRetryRequest', 'tls', false, 'RFC 8446 §4.1.4', { extensions: ['key_share'], ...pkt('Initial') })],
      'HelloRetryRequest in clear: the server asks for a key share from another group. One round trip is lost.',
    );
    half += 2;
    send('client', half, [message('ClientHello', 'tls', false, TLS13_HRR, { extensions: keyShareHello, ...pkt('Initial') })], `The second ClientHello, in clear again: the server name ${sni} (SNI) and a key share in the group the server asked for.`);
  } else if (s.start === 'full') {
    send('client', half, withAck([message('ClientHello', 'tls', false, TLS13_FULL, { extensions: keyShareHello, ...pkt('Initial') })]), chSeen);
  }

  if (s.start !== 'resumption-0rtt') {
    // RFC 8446 §2 Figure 1: everything after ServerHello is encrypted.
    const serverFlight = [
      message('ServerHello', 'tls', false, TLS13_FULL, { extensions: ['key_share'], ...pkt('Initial') }),
      message('EncryptedExtensions', 'tls', true, TLS13_FULL, pkt('Handshake')),
      message('Certificate', 'tls', true, TLS13_FULL, pkt('Handshake')),
      message('CertificateVerify', 'tls', true, TLS13_FULL, pkt('Handshake')),
      message('Finished', 'tls', true, TLS13_FULL, pkt('Handshake')),
    ];
    send(
      'server',
      half + 1,
      serverFlight,
      quic
        ? 'ServerHello in an Initial packet anyone can decrypt (the chosen cipher suite and key share), then Handshake packets: only their sizes and timing. The certificate is encrypted.'
        : 'ServerHello in clear (the chosen cipher suite and key share), then encrypted records: only their sizes and timing. The certificate is encrypted.',
    );
    mark('handshake-complete', half + 2, quic ? QUIC_HANDSHAKE : TLS13_FULL);
    send(
      'client',
      half + 2,
      [message('Finished', 'tls', true, TLS13_FULL, pkt('Handshake')), request(false)],
      quic ? `Encrypted QUIC packets to UDP port ${HTTPS_PORT}: only their sizes and timing, not the URL or the headers.` : 'Encrypted records: only their sizes and timing, not the URL, the headers or the cookies.',
    );
    mark('request-sent', half + 2, httpSection);
    if (quic) send('server', half + 3, [message('HANDSHAKE_DONE', 'quic', true, QUIC_DONE, pkt('1-RTT'))], 'An encrypted 1-RTT packet: only its size.');
    send('server', half + 3, [response()], responseSeen, s.serverTime);
    mark('first-byte', half + 4, httpSection, s.serverTime);
    return { flights, milestones };
  }

  // RFC 8446 §2.3 Figure 4: a PSK from an earlier session; early data rides with the ClientHello.
  const resumeHello = ['early_data', 'key_share', 'psk_key_exchange_modes', 'pre_shared_key', 'server_name'];
  send(
    'client',
    half,
    withAck([message('ClientHello', 'tls', false, TLS13_0RTT, { extensions: resumeHello, ...pkt('Initial') }), request(true)]),
    `${chPrefix}, and that the client resumes an earlier session. Then encrypted early data: only its size — but whoever records it can send it again (replay, RFC 8446 §2.3).`,
  );
  mark('request-sent', half, TLS13_0RTT);
  // With a PSK the server proves itself by the key, not a certificate: no Certificate, no CertificateVerify.
  send(
    'server',
    half + 1,
    [
      message('ServerHello', 'tls', false, TLS13_0RTT, { extensions: ['pre_shared_key', 'key_share'], ...pkt('Initial') }),
      message('EncryptedExtensions', 'tls', true, TLS13_0RTT, { extensions: ['early_data'], ...pkt('Handshake') }),
      message('Finished', 'tls', true, TLS13_0RTT, pkt('Handshake')),
    ],
    'ServerHello in clear (the session is resumed: no certificate is sent at all), then encrypted records: only their sizes and timing.',
  );
  send('server', half + 1, [response()], responseSeen, s.serverTime);
  mark('handshake-complete', half + 2, TLS13_0RTT);
  mark('first-byte', half + 2, httpSection, s.serverTime);
  if (quic) {
    // QUIC clients never send EndOfEarlyData (RFC 9001 §8.3).
    send('client', half + 2, [message('Finished', 'tls', true, QUIC_NO_EOED, pkt('Handshake'))], 'An encrypted Handshake packet: only its size.');
    send('server', half + 3, [message('HANDSHAKE_DONE', 'quic', true, QUIC_DONE, pkt('1-RTT'))], 'An encrypted 1-RTT packet: only its size.');
  } else {
    send('client', half + 2, [message('EndOfEarlyData', 'tls', true, TLS13_0RTT), message('Finished', 'tls', true, TLS13_0RTT)], 'Encrypted records: only their sizes.');
  }
  return { flights, milestones };
}

/** Ordering of events at one instant: arrivals, then milestones, then departures, then the end. */
const ORDER = { receive: 0, milestone: 1, message: 2, end: 3 } as const;

/**
 * Simulates one fresh connection and one HTTP request. Never throws: an invalid scenario gives a
 * trace with an `invalid-scenario` error event, the problems, and `scenario: null`. The same
 * scenario always gives the same trace. Runs are short by construction (at most 9 flights), so
 * no event cap is needed.
 */
export function runTlsScenario(input: unknown): TlsTrace {
  const { scenario, problems } = validateTlsScenario(input);
  if (scenario === undefined) {
    const message = `invalid scenario: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`;
    return {
      version: TLS_TRACE_VERSION,
      scenario: null,
      problems,
      events: [
        { t: 0, type: 'error', code: 'invalid-scenario', message },
        { t: 0, type: 'end', reason: 'invalid' },
      ],
    };
  }
  const s = resolveTlsScenario(scenario);
  const { flights, milestones } = plan(s);
  const at = (half: number, extra: number) => (half * s.rtt) / 2 + extra;
  const oneWay = s.rtt / 2;

  // Everything one side sends at one instant is one flight (one arrow), as the RFC figures draw it.
  const merged: { from: TlsSide; t: number; messages: TlsMessage[]; observer: string[] }[] = [];
  for (const f of flights) {
    const t = at(f.half, f.extra);
    const same = merged.find((m) => m.from === f.from && m.t === t);
    if (same !== undefined) {
      same.messages.push(...f.messages);
      same.observer.push(f.observer);
    } else merged.push({ from: f.from, t, messages: [...f.messages], observer: [f.observer] });
  }

  const keyed: { event: TlsTraceEvent; order: number; seq: number }[] = [];
  let seq = 0;
  const push = (event: TlsTraceEvent) => keyed.push({ event, order: ORDER[event.type as keyof typeof ORDER] ?? 0, seq: seq++ });
  merged.forEach((f, id) => {
    const to: TlsSide = f.from === 'client' ? 'server' : 'client';
    const t1 = f.t + oneWay;
    const layer = f.messages.reduce<TlsLayer>((best, m) => (LAYER_RANK[m.layer] > LAYER_RANK[best] ? m.layer : best), 'tcp');
    push({
      type: 'message',
      t: f.t,
      t1,
      id,
      from: f.from,
      to,
      messages: f.messages,
      layer,
      encrypted: f.messages.every((m) => m.encrypted),
      label: flightLabel(f.messages),
      observer: f.observer.join(' '),
    });
    push({ type: 'receive', t: t1, on: to, id });
  });
  for (const m of [...milestones].sort((x, y) => TLS_MILESTONES.indexOf(x.milestone) - TLS_MILESTONES.indexOf(y.milestone))) {
    push({ type: 'milestone', t: at(m.half, m.extra), on: 'client', milestone: m.milestone, roundTrips: m.half / 2, section: m.section });
  }
  keyed.sort((x, y) => x.event.t - y.event.t || x.order - y.order || x.seq - y.seq);
  const events = keyed.map((k) => k.event);
  const endT = events.reduce((max, e) => Math.max(max, e.t), 0);
  events.push({ type: 'end', t: endT, reason: 'complete' });
  return { version: TLS_TRACE_VERSION, scenario: s, problems: [], events };
}
