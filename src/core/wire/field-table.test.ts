import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeTable, encodeTable, tableLength } from './field-table.ts';
import { HEADER_TABLES } from './tables.ts';
import type { DecodedLayer } from './types.ts';

const tables = Object.entries(HEADER_TABLES);

describe('HEADER_TABLES', () => {
  test.each(tables)('the %s table tiles its header bit by bit, with no gap or overlap', (_name, defs) => {
    const rows = defs.map((d) => ({ from: d.byte * 8 + (d.bit ?? 0), to: d.byte * 8 + (d.bit ?? 0) + d.bits })).sort((a, b) => a.from - b.from);
    let pos = 0;
    for (const r of rows) {
      expect(r.from).toBe(pos);
      pos = r.to;
    }
    expect(pos).toBe(tableLength(defs) * 8);
  });

  test.each(tables)('every row of the %s table has an id, a label, an explanation, a source and a spec key', (_name, defs) => {
    for (const d of defs) {
      expect(d.id).toMatch(/^[a-z0-9]+(\.[a-z0-9_]+)+$/);
      expect(d.label.length).toBeGreaterThan(1);
      expect(d.explain).toMatch(/\.$/);
      expect(d.rfc).toMatch(/RFC|IEEE|tcpdump/);
      expect(d.key).toBeDefined();
    }
  });

  test.each(tables)('encodeTable writes back what decodeTable read from any %s header', (_name, defs) => {
    const n = tableLength(defs);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: n, maxLength: n }), (bytes) => {
        const layer: DecodedLayer = { name: 'data', title: '', start: 0, end: 0, fields: [] };
        const r = decodeTable(bytes, layer, defs, 0, n, 0);
        expect(r.complete).toBe(true);
        const spec = Object.fromEntries(layer.fields.map((f, i) => [defs[i]!.key!, f.value]));
        const out = new Uint8Array(n);
        encodeTable(out, 0, defs, spec);
        expect(out).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });
});
