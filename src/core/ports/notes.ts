/**
 * Editorial notes for the ports people ask about most: what the port is commonly used for, what
 * attackers do with it, and which lessons mention it. IANA names never come from here (they come
 * from the registry data); this table only adds what a registry cannot say. Each note names its
 * source. Transport lists the transports the service normally uses in practice (FACTS.md §3.5).
 */
import type { Transport } from './services.ts';

export interface PortNote {
  port: number;
  transports: Transport[];
  /** What the port is commonly used for, in plain words. */
  commonUse: string;
  /** Why it is a frequent target and what to do about it, when that is the case. */
  security?: string;
  /** Course lesson slugs (under /course/) that discuss this port. */
  lessons: string[];
  source: string;
}

const MS17_010 = 'Microsoft Security Bulletin MS17-010 (SMBv1, exploited by WannaCry in 2017)';
const TA14_017A = 'US-CERT alert TA14-017A, UDP-based amplification attacks';

export const PORT_NOTES: readonly PortNote[] = [
  { port: 0, transports: ['tcp', 'udp'], commonUse: 'Reserved in the registry. In the sockets API, binding to port 0 asks the operating system to pick a free ephemeral port for you.', lessons: ['ports', 'sockets-and-binding'], source: 'IANA registry; RFC 6335 §6; man ip(7)' },
  { port: 20, transports: ['tcp'], commonUse: 'FTP data: the server side of a data connection in active mode only.', security: 'FTP sends user names, passwords and files unencrypted. Prefer SFTP (over SSH, port 22) or FTPS.', lessons: ['ftp-active-and-passive'], source: 'RFC 959 §3.2, §5.2' },
  { port: 21, transports: ['tcp'], commonUse: 'FTP control connection: commands and replies.', security: 'FTP sends user names and passwords unencrypted (USER and PASS commands). Prefer SFTP or FTPS.', lessons: ['ftp-active-and-passive'], source: 'RFC 959 §4.1.1' },
  { port: 22, transports: ['tcp'], commonUse: 'SSH: remote shells, and file transfer with SFTP and SCP.', security: 'Exposed SSH servers receive constant password-guessing attempts. Use keys instead of passwords and keep the server updated.', lessons: ['ports'], source: 'RFC 4251 (SSH architecture)' },
  { port: 23, transports: ['tcp'], commonUse: 'Telnet: remote terminal sessions, today mostly on old network gear.', security: 'Telnet has no encryption: everything, passwords included, crosses the network in clear text. Use SSH instead.', lessons: ['ports'], source: 'RFC 854' },
  { port: 25, transports: ['tcp'], commonUse: 'SMTP between mail servers (relay). Mail programs should submit mail on 587 or 465 instead.', security: 'Many access providers block outgoing port 25 from home connections to curb spam.', lessons: ['ports'], source: 'RFC 5321; RFC 6409 §1; RFC 5068 §4' },
  { port: 53, transports: ['udp', 'tcp'], commonUse: 'DNS. Queries use UDP; TCP is used for large answers and zone transfers.', security: 'Open DNS resolvers are abused to amplify denial-of-service traffic. Answer queries only for your own clients.', lessons: ['ports'], source: `IANA registry; ${TA14_017A}` },
  { port: 67, transports: ['udp'], commonUse: 'DHCP (and BOOTP) server.', lessons: ['ports'], source: 'IANA registry (RFC 951)' },
  { port: 68, transports: ['udp'], commonUse: 'DHCP (and BOOTP) client.', lessons: ['ports'], source: 'IANA registry (RFC 951)' },
  { port: 69, transports: ['udp'], commonUse: 'TFTP: simple file transfer, used to boot devices over the network.', security: 'TFTP has no authentication at all.', lessons: [], source: 'RFC 1350' },
  { port: 80, transports: ['tcp'], commonUse: 'HTTP, the unencrypted web.', lessons: ['ports', 'tls-on-443'], source: 'IANA registry; RFC 9110' },
  { port: 110, transports: ['tcp'], commonUse: 'POP3: downloading mail.', security: 'Unencrypted. Mail programs should use POP3 over TLS on port 995.', lessons: [], source: 'IANA registry; RFC 8314' },
  { port: 123, transports: ['udp'], commonUse: 'NTP: clock synchronisation.', security: 'Old NTP servers answering the "monlist" query were abused to amplify denial-of-service traffic (CVE-2013-5211).', lessons: [], source: `RFC 5905; CVE-2013-5211; ${TA14_017A}` },
  { port: 135, transports: ['tcp'], commonUse: 'Microsoft RPC endpoint mapper (DCE RPC).', security: 'Keep it off the internet: it belongs to the local network only.', lessons: [], source: 'IANA registry (epmap)' },
  { port: 137, transports: ['udp'], commonUse: 'NetBIOS Name Service, an old Windows file-sharing helper.', security: 'Keep it off the internet; NetBIOS name queries can be abused for amplification.', lessons: [], source: `RFC 1001, RFC 1002; ${TA14_017A}` },
  { port: 139, transports: ['tcp'], commonUse: 'NetBIOS Session Service: SMB file sharing over NetBIOS.', security: 'Keep Windows file sharing off the internet.', lessons: [], source: 'RFC 1001, RFC 1002' },
  { port: 143, transports: ['tcp'], commonUse: 'IMAP: reading mail kept on the server.', security: 'Unencrypted unless upgraded with STARTTLS. Mail programs should use IMAP over TLS on port 993.', lessons: [], source: 'RFC 9051; RFC 8314' },
  { port: 161, transports: ['udp'], commonUse: 'SNMP: monitoring routers, switches and printers.', security: 'SNMP v1 and v2c send their "community string" password in clear text, and open agents can be abused for amplification.', lessons: [], source: `RFC 1157; RFC 3416; ${TA14_017A}` },
  { port: 162, transports: ['udp'], commonUse: 'SNMP traps: alerts that devices send to a monitoring station.', lessons: [], source: 'IANA registry' },
  { port: 389, transports: ['tcp', 'udp'], commonUse: 'LDAP directories, including Microsoft Active Directory.', lessons: [], source: 'IANA registry' },
  { port: 443, transports: ['tcp', 'udp'], commonUse: 'HTTPS: HTTP over TLS on TCP, and HTTP/3 over QUIC on UDP.', lessons: ['ports', 'tls-on-443'], source: 'IANA registry; RFC 9110; RFC 9114 §3.1' },
  { port: 445, transports: ['tcp'], commonUse: 'SMB directly over TCP: Windows file and printer sharing.', security: `Never expose it to the internet. The WannaCry worm spread through SMBv1 on this port in 2017 (${MS17_010}).`, lessons: ['firewalls'], source: MS17_010 },
  { port: 465, transports: ['tcp'], commonUse: 'Mail submission over implicit TLS ("submissions").', lessons: [], source: 'IANA registry; RFC 8314' },
  { port: 514, transports: ['udp'], commonUse: 'Syslog over UDP. On TCP, port 514 is registered to rsh ("shell").', lessons: [], source: 'IANA registry; RFC 6587 §3.3' },
  { port: 587, transports: ['tcp'], commonUse: 'Mail submission from mail programs, usually with STARTTLS.', lessons: [], source: 'RFC 6409 §3.1' },
  { port: 993, transports: ['tcp'], commonUse: 'IMAP over TLS.', lessons: [], source: 'RFC 8314' },
  { port: 995, transports: ['tcp'], commonUse: 'POP3 over TLS.', lessons: [], source: 'RFC 8314' },
  { port: 1433, transports: ['tcp'], commonUse: 'Microsoft SQL Server.', security: 'Databases should listen only where their applications are; never open them to the internet.', lessons: [], source: 'IANA registry (ms-sql-s)' },
  { port: 1900, transports: ['udp'], commonUse: 'SSDP: UPnP device discovery on the local network.', security: 'SSDP answering from the internet is abused to amplify denial-of-service traffic.', lessons: ['nat-and-port-forwarding'], source: TA14_017A },
  { port: 3306, transports: ['tcp'], commonUse: 'MySQL and MariaDB.', security: 'Databases should listen only where their applications are; never open them to the internet.', lessons: [], source: 'IANA registry' },
  { port: 3389, transports: ['tcp', 'udp'], commonUse: 'Remote Desktop (RDP) on Windows.', security: 'Exposed RDP is a favourite target for password guessing, and it has had pre-authentication flaws (CVE-2019-0708, "BlueKeep"). Reach it through a VPN instead of a port forward.', lessons: ['nat-and-port-forwarding'], source: 'IANA registry (ms-wbt-server); CVE-2019-0708' },
  { port: 5060, transports: ['udp', 'tcp'], commonUse: 'SIP: setting up voice and video calls.', lessons: [], source: 'RFC 3263' },
  { port: 5353, transports: ['udp'], commonUse: 'Multicast DNS: finding printers and other devices on the local network.', lessons: [], source: 'RFC 6762' },
  { port: 5432, transports: ['tcp'], commonUse: 'PostgreSQL.', security: 'Databases should listen only where their applications are; never open them to the internet.', lessons: [], source: 'IANA registry' },
  { port: 5900, transports: ['tcp'], commonUse: 'VNC remote desktop (display N usually on 5900 + N).', security: 'Many VNC servers have weak or no passwords; reach them through SSH or a VPN.', lessons: [], source: 'RFC 6143 §2' },
  { port: 6379, transports: ['tcp'], commonUse: 'Redis.', security: 'Redis should only be reachable by trusted clients; its documentation warns against exposing it to the internet.', lessons: [], source: 'IANA registry; Redis security documentation' },
  { port: 8080, transports: ['tcp'], commonUse: 'Alternative HTTP: proxies and development servers.', lessons: ['ports'], source: 'IANA registry (http-alt)' },
  { port: 8443, transports: ['tcp'], commonUse: 'Often used as an alternative HTTPS port, although IANA registers it under another name.', lessons: [], source: 'IANA registry (pcsync-https)' },
  { port: 11211, transports: ['tcp', 'udp'], commonUse: 'memcached, an in-memory cache.', security: 'memcached over UDP was abused for record-size amplification attacks in 2018 (CVE-2018-1000115); keep it off the internet.', lessons: [], source: 'IANA registry (memcache); CVE-2018-1000115' },
  { port: 27017, transports: ['tcp'], commonUse: 'MongoDB.', security: 'Databases should listen only where their applications are; never open them to the internet.', lessons: [], source: 'IANA registry' },
];

const NOTES_BY_PORT = new Map(PORT_NOTES.map((n) => [n.port, n]));

export function portNote(port: number): PortNote | undefined {
  return NOTES_BY_PORT.get(port);
}
