/**
 * The course outline, in teaching order. One source of truth for the sidebar, the landing page
 * and the outline page. A lesson is published when `content/course/<slug>.mdx` exists; the others
 * are listed as "coming soon" with no link and no page.
 */
export interface OutlineLesson {
  /** URL slug under /course/ and file name under content/course/. */
  slug: string;
  title: string;
  /** One line on what the lesson answers, shown in the outline. */
  summary: string;
}

export const COURSE: readonly OutlineLesson[] = [
  { slug: 'ports', title: 'Ports', summary: 'What a port number is, the ranges, and how to see the ports on your machine.' },
  { slug: 'sockets-and-binding', title: 'Sockets: addresses, ports and binding', summary: 'Endpoints, the 4-tuple, and what binding to 0.0.0.0, :: or 127.0.0.1 exposes.' },
  { slug: 'handshake-and-goodbye', title: 'The handshake and the goodbye', summary: 'SYN, SYN-ACK, ACK; FIN and TIME-WAIT; when RST is sent.' },
  { slug: 'tcp-states', title: 'TCP states', summary: 'The eleven states of RFC 9293 and how netstat and ss spell them.' },
  { slug: 'tcp-segment-anatomy', title: 'Anatomy of a TCP segment', summary: 'Every header field, flag and option, with the IP header around it.' },
  { slug: 'packet-loss', title: 'When packets get lost', summary: 'Sequence numbers, acknowledgements, retransmission and backoff.' },
  { slug: 'reading-netstat-and-ss', title: 'Reading netstat and ss', summary: 'Columns, notation and states in the output of your own machine.' },
  { slug: 'is-this-port-open', title: 'Is this port open?', summary: 'Open, closed and filtered as the handshake shows them; the tools to check.' },
  { slug: 'ftp-active-and-passive', title: 'FTP: active and passive', summary: 'Two connections, PORT and PASV, and why active mode breaks behind NAT.' },
  { slug: 'tls-on-443', title: 'TLS on port 443', summary: 'What HTTPS adds on top of TCP and what an observer still sees.' },
  { slug: 'nat-and-port-forwarding', title: 'NAT and port forwarding', summary: 'Translation tables, forwarding rules, CGNAT and mapping timeouts.' },
  { slug: 'firewalls', title: 'Firewalls: listening is not reachable', summary: 'Host firewalls, drop versus reject, and the path a connection must cross.' },
  { slug: 'ephemeral-ports', title: 'Ephemeral ports and port exhaustion', summary: 'Ephemeral ranges per OS, TIME_WAIT piles and CLOSE_WAIT leaks.' },
];

/** The interactive tools, each on its own page as well as inside lessons. */
export interface Tool {
  slug: string;
  title: string;
  summary: string;
}

export const TOOLS: readonly Tool[] = [
  { slug: 'port-lookup', title: 'Port lookup', summary: 'Type a port number or a service name: range, IANA names, common use, security notes.' },
  { slug: 'tcp-simulator', title: 'TCP simulator', summary: 'Two hosts, one connection: step through handshakes, data, loss and teardown.' },
  { slug: 'header-decoder', title: 'Packet header decoder', summary: 'Paste bytes or open a capture and see every header field explained.' },
  { slug: 'netstat-explainer', title: 'netstat and ss explainer', summary: 'Paste the output of your own machine and get every line explained.' },
  { slug: 'tls-timing', title: 'TLS handshake timing', summary: 'Round trips before the first request: TCP + TLS 1.2, TLS 1.3, 0-RTT and QUIC side by side.' },
  { slug: 'ftp-simulator', title: 'FTP simulator', summary: 'Active and passive FTP, EPRT and EPSV, through a NAT router, an FTP ALG or a firewall: see which work.' },
  { slug: 'nat-simulator', title: 'NAT simulator', summary: 'A home network behind a NAT router: mappings, port forwards, hairpinning, carrier-grade NAT and timeouts.' },
];
