/**
 * Small, total scenario edits for the widget's simple controls: change the mode, change the
 * middlebox. Each returns a valid scenario when given one (the tests check every combination), so
 * a learner can break FTP through a NAT and fix it by switching to passive mode.
 */
import { isIpv4, isPrivateIpv4 } from './encoding.ts';
import {
  DEFAULT_FTP_CLIENT,
  DEFAULT_FTP_SERVER,
  DEFAULT_NAT_PUBLIC_ADDRESS,
  DEFAULT_PRIVATE_CLIENT_ADDRESS,
  resolveFtpScenario,
  type FtpMiddlebox,
  type FtpMode,
  type FtpScenario,
} from './scenario.ts';

/** The middleboxes the widget offers. */
export type FtpMiddleboxChoice = 'none' | 'nat' | 'nat-alg' | 'client-firewall' | 'server-firewall' | 'server-firewall-open';

/** Every choice with its label and a one-line explanation, in menu order. */
export const FTP_MIDDLEBOX_CHOICES: readonly { value: FtpMiddleboxChoice; label: string; description: string }[] = [
  { value: 'none', label: 'None', description: 'Client and server reach each other directly.' },
  { value: 'nat', label: 'NAT router', description: 'The client sits behind a home router that shares one public address (NAPT).' },
  { value: 'nat-alg', label: 'NAT router with FTP ALG', description: 'The same router, reading and rewriting PORT and EPRT commands.' },
  { value: 'client-firewall', label: 'Client firewall', description: 'A stateful firewall in front of the client that lets no connection in.' },
  { value: 'server-firewall', label: 'Server firewall (port 21 only)', description: 'A stateful firewall in front of the server that lets connections in to port 21 only.' },
  { value: 'server-firewall-open', label: 'Server firewall (21 and the passive port)', description: 'The server firewall with the passive port opened as well.' },
];

/** The modes with their labels, in menu order. */
export const FTP_MODE_CHOICES: readonly { value: FtpMode; label: string; description: string }[] = [
  { value: 'active', label: 'Active (PORT)', description: 'The client listens; the server connects to it from port 20.' },
  { value: 'passive', label: 'Passive (PASV)', description: 'The server listens; the client connects to it.' },
  { value: 'extended-active', label: 'EPRT', description: 'Active mode in the RFC 2428 format, which also carries IPv6.' },
  { value: 'extended-passive', label: 'EPSV', description: 'Passive mode that sends only a port; the address is the control connection’s.' },
];

function ipv4Only(s: FtpScenario): FtpScenario {
  const r = resolveFtpScenario(s);
  if (isIpv4(r.client.address) && isIpv4(r.server.address)) return s;
  const { announceAddress: _drop, ...client } = s.client;
  const nat = r.middlebox !== 'none' && r.middlebox.kind === 'nat';
  return { ...s, client: { ...client, address: nat ? DEFAULT_PRIVATE_CLIENT_ADDRESS : DEFAULT_FTP_CLIENT.address }, server: { ...s.server, address: DEFAULT_FTP_SERVER.address } };
}

/** The scenario in another mode. PORT and PASV carry only IPv4, so IPv6 addresses become the IPv4 defaults. */
export function ftpWithMode(s: FtpScenario, mode: FtpMode): FtpScenario {
  const next = { ...s, mode };
  return mode === 'active' || mode === 'passive' ? ipv4Only(next) : next;
}

/** Which of the widget's choices a scenario's middlebox is. */
export function ftpMiddleboxChoice(s: FtpScenario): FtpMiddleboxChoice {
  const mb = s.middlebox ?? 'none';
  if (mb === 'none') return 'none';
  if (mb.kind === 'nat') return mb.alg === true ? 'nat-alg' : 'nat';
  if (mb.at === 'client') return 'client-firewall';
  const passive = s.server.passivePort ?? DEFAULT_FTP_SERVER.passivePort;
  return mb.allowInbound.includes(passive) ? 'server-firewall-open' : 'server-firewall';
}

/**
 * The scenario with another middlebox. Behind a NAT the client gets a private address (RFC 1918
 * §3) and the router a public one (RFC 5737 §3); elsewhere a private client address becomes a
 * public one, since nothing would translate it.
 */
export function ftpWithMiddlebox(s: FtpScenario, choice: FtpMiddleboxChoice): FtpScenario {
  const r = resolveFtpScenario(s);
  const oldMb = s.middlebox ?? 'none';
  const { announceAddress: _drop, ...clientRest } = s.client;
  let middlebox: FtpMiddlebox;
  const control = r.server.controlPort;
  switch (choice) {
    case 'none':
      middlebox = 'none';
      break;
    case 'nat':
    case 'nat-alg': {
      const publicAddress = oldMb !== 'none' && oldMb.kind === 'nat' ? oldMb.publicAddress : DEFAULT_NAT_PUBLIC_ADDRESS;
      const first = oldMb !== 'none' && oldMb.kind === 'nat' && oldMb.firstPublicPort !== undefined ? { firstPublicPort: oldMb.firstPublicPort } : {};
      middlebox = { kind: 'nat', publicAddress, alg: choice === 'nat-alg', ...first };
      break;
    }
    case 'client-firewall':
      middlebox = { kind: 'firewall', at: 'client', allowInbound: [] };
      break;
    case 'server-firewall':
      middlebox = { kind: 'firewall', at: 'server', allowInbound: [control] };
      break;
    case 'server-firewall-open':
      middlebox = { kind: 'firewall', at: 'server', allowInbound: [control, r.server.passivePort] };
      break;
  }
  const nat = middlebox !== 'none' && middlebox.kind === 'nat';
  if (!nat) {
    const client = isPrivateIpv4(r.client.address) ? { ...clientRest, address: DEFAULT_FTP_CLIENT.address } : clientRest;
    return { ...s, middlebox, client };
  }
  const base = ipv4Only({ ...s, middlebox, client: clientRest });
  const address = base.client.address;
  return address !== undefined && isPrivateIpv4(address) ? base : { ...base, client: { ...base.client, address: DEFAULT_PRIVATE_CLIENT_ADDRESS } };
}
