import { expect, test } from 'vitest';
import { reachTable, type BindAddress, type ReachOptions } from '../../core/reach/index.ts';
import { summarize } from './summary.ts';

test.each<[BindAddress, ReachOptions, string]>([
  // loopback: only the host itself
  ['127.0.0.1', {}, 'Bound to 127.0.0.1: reachable from same host; not reachable from same LAN, internet.'],
  // all IPv4 addresses with a forward: everybody
  ['0.0.0.0', { portForward: true }, 'Bound to 0.0.0.0: reachable from every client (same host, same LAN, internet).'],
  // firewall drop: the host only
  ['::', { hostFirewall: 'drop', portForward: true }, 'Bound to ::: reachable from same host; not reachable from same LAN, internet.'],
])('summarize(%s, rows with %o) says who can connect', (bind, options, sentence) => {
  expect(summarize(bind, reachTable(bind, options))).toBe(sentence);
});
