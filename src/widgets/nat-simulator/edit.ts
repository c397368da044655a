/**
 * Editing a NAT scenario from the widget's forms: each action appends a step just after the
 * moment shown, or changes the router's settings; the widget then re-runs the core. Input is read
 * from form text and checked here with messages in words ("Source port must be a whole number from
 * 1 to 65535."), then the new scenario goes through the core's validator too. Nothing throws.
 */
import {
  CGN_PUBLIC_ADDRESS,
  hostById,
  NAT_PORT_MAX,
  NAT_PORT_MIN,
  parseIpv4,
  ROUTER_WAN_PUBLIC,
  validateNatScenario,
  MAX_WAIT_MINUTES,
  MAX_PCP_LIFETIME_S,
  type NatFiltering,
  type NatHostId,
  type NatProto,
  type NatScenario,
  type NatStep,
} from '../../core/nat/index.ts';

/** Actions land on a 10 ms grid just after the moment shown, so they are a step of their own. */
export const NAT_ACTION_GRID_MS = 10;
const S_PER_MIN = 60;

/** The time an action taken while the widget shows time `t` is scheduled at. */
export function natActionTime(t: number): number {
  if (!(t >= 0) || !Number.isFinite(t)) return 0;
  return (Math.floor(t / NAT_ACTION_GRID_MS) + 1) * NAT_ACTION_GRID_MS;
}

/** A copy of `scenario` with `step` after every step at or before its time (steps stay in order). */
export function addNatStep(scenario: NatScenario, step: NatStep): NatScenario {
  const steps = [...scenario.steps];
  let i = steps.length;
  while (i > 0 && (steps[i - 1] as NatStep).at > step.at) i -= 1;
  steps.splice(i, 0, step);
  return { ...scenario, steps };
}

/** The outcome of an edit: the new scenario, or the problems in words. */
export type EditResult = { ok: true; scenario: NatScenario } | { ok: false; problems: string[] };

/** Reads a port from a form field: a whole number from 1 to 65535, or a problem naming `label`. */
export function readPort(text: string, label: string): number | string {
  const s = text.trim();
  if (s === '') return `${label} is empty: enter a port from ${NAT_PORT_MIN} to ${NAT_PORT_MAX}.`;
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isInteger(n)) return `${label} must be a whole number from ${NAT_PORT_MIN} to ${NAT_PORT_MAX}, not “${s.slice(0, 20)}”.`;
  if (n < NAT_PORT_MIN || n > NAT_PORT_MAX) return `${label} must be from ${NAT_PORT_MIN} to ${NAT_PORT_MAX} (ports are 16-bit and 0 is reserved); ${n} is out of range.`;
  return n;
}

/** Reads a positive number up to `max` from a form field, or a problem naming `label`. */
export function readAmount(text: string, label: string, max: number, unit: string): number | string {
  const s = text.trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n)) return `${label} must be a number of ${unit}.`;
  if (n <= 0 || n > max) return `${label} must be more than 0 and at most ${max} ${unit}; ${n} is out of range.`;
  return n;
}

/** Runs the core's validator on an edited scenario; its messages become sentences. */
function checked(next: NatScenario): EditResult {
  const v = validateNatScenario(next);
  if (v.scenario !== undefined) return { ok: true, scenario: next };
  return { ok: false, problems: v.problems.map((p) => `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`) };
}

function collect(values: (number | string)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

/** Form: a connection (TCP) or a datagram (UDP) from a home device. `to` is an address typed or picked. */
export interface OutboundForm {
  from: NatHostId;
  proto: NatProto;
  srcPort: string;
  to: string;
  dstPort: string;
}

/** Appends "open a connection from a home device" (TCP connect, or a UDP datagram that asks for a reply). */
export function addOutbound(scenario: NatScenario, form: OutboundForm, t: number): EditResult {
  const src = readPort(form.srcPort, 'Source port');
  const dst = readPort(form.dstPort, 'Destination port');
  const address = form.to.trim();
  const problems = collect([src, dst]);
  if (parseIpv4(address) === null) problems.push(`Destination “${address.slice(0, 40)}” is not an IPv4 address such as 198.51.100.80.`);
  if (problems.length > 0 || typeof src === 'string' || typeof dst === 'string') return { ok: false, problems };
  const at = natActionTime(t);
  const to = { address, port: dst };
  const step: NatStep = form.proto === 'tcp' ? { at, do: 'connect', from: form.from, srcPort: src, to } : { at, do: 'send', from: form.from, proto: 'udp', srcPort: src, to };
  return checked(addNatStep(scenario, step));
}

/** Form: a connection or datagram from an internet host to the home's public address. */
export interface InboundForm {
  from: NatHostId;
  proto: NatProto;
  srcPort: string;
  dstPort: string;
}

/** The address the internet reaches the home at: the router's, or the carrier NAT's. */
export function publicAddressOf(scenario: NatScenario): string {
  return scenario.nat?.cgnat === true ? CGN_PUBLIC_ADDRESS : ROUTER_WAN_PUBLIC;
}

/** Appends "an internet host connects to the home's public address and a port". */
export function addInbound(scenario: NatScenario, form: InboundForm, t: number): EditResult {
  const src = readPort(form.srcPort, 'Source port');
  const dst = readPort(form.dstPort, 'Public port');
  if (typeof src === 'string' || typeof dst === 'string') return { ok: false, problems: collect([src, dst]) };
  if (hostById(form.from).side !== 'internet') return { ok: false, problems: [`${hostById(form.from).name} is not on the internet.`] };
  const at = natActionTime(t);
  const to = { address: publicAddressOf(scenario), port: dst };
  const step: NatStep = form.proto === 'tcp' ? { at, do: 'connect', from: form.from, srcPort: src, to } : { at, do: 'send', from: form.from, proto: 'udp', srcPort: src, to };
  return checked(addNatStep(scenario, step));
}

/** Form: a port forward (public port → home device and port). */
export interface ForwardForm {
  proto: NatProto;
  publicPort: string;
  host: NatHostId;
  insidePort: string;
}

/** Appends "add a forwarding rule". */
export function addForwardRule(scenario: NatScenario, form: ForwardForm, t: number): EditResult {
  const pub = readPort(form.publicPort, 'Public port');
  const ins = readPort(form.insidePort, 'Inside port');
  if (typeof pub === 'string' || typeof ins === 'string') return { ok: false, problems: collect([pub, ins]) };
  const host = hostById(form.host);
  if (host.side !== 'inside') return { ok: false, problems: [`${host.name} is not a home device; a forward points at one.`] };
  return checked(addNatStep(scenario, { at: natActionTime(t), do: 'add-forward', proto: form.proto, publicPort: pub, insideAddress: host.address, insidePort: ins }));
}

/** Appends "remove the forwarding rule for this protocol and public port". */
export function removeForwardRule(scenario: NatScenario, proto: NatProto, publicPort: number, t: number): EditResult {
  return checked(addNatStep(scenario, { at: natActionTime(t), do: 'remove-forward', proto, publicPort }));
}

/** Appends "nothing is sent for N minutes". */
export function addWait(scenario: NatScenario, minutes: string, t: number): EditResult {
  const m = readAmount(minutes, 'Minutes to wait', MAX_WAIT_MINUTES, 'minutes');
  if (typeof m === 'string') return { ok: false, problems: [m] };
  return checked(addNatStep(scenario, { at: natActionTime(t), do: 'wait', minutes: m }));
}

/** Form: a PCP MAP request from a home device (lifetime in minutes). */
export interface PcpForm {
  from: NatHostId;
  proto: NatProto;
  port: string;
  minutes: string;
}

/** Appends "ask the router for a forward with PCP" (RFC 6887 §11). */
export function addPcpMap(scenario: NatScenario, form: PcpForm, t: number): EditResult {
  const port = readPort(form.port, 'Port');
  const m = readAmount(form.minutes, 'Lifetime', MAX_PCP_LIFETIME_S / S_PER_MIN, 'minutes');
  if (typeof port === 'string' || typeof m === 'string') return { ok: false, problems: collect([port, m]) };
  return checked(addNatStep(scenario, { at: natActionTime(t), do: 'pcp-map', from: form.from, proto: form.proto, port, lifetime: Math.max(1, Math.round(m * S_PER_MIN)) }));
}

/** The router settings a learner may change. */
export interface SettingsPatch {
  filtering?: NatFiltering;
  portPreservation?: boolean;
  cgnat?: boolean;
}

/** Changes the router's settings; refused (with the reasons) when the steps no longer fit, e.g. after switching the CGN. */
export function withSettings(scenario: NatScenario, patch: SettingsPatch): EditResult {
  const next: NatScenario = { ...scenario, nat: { ...scenario.nat, ...patch } };
  const r = checked(next);
  if (r.ok || patch.cgnat === undefined) return r;
  return { ok: false, problems: [`The steps so far send to ${publicAddressOf(scenario)}, which is not the home's public address with this setting. Reset to the preset first, then change it.`, ...r.problems] };
}
