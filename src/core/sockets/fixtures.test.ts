/**
 * Every fixture under fixtures/<platform>/<command>.txt is parsed and compared with its
 * .expected.json. Adding a fixture is adding those two files (see fixtures/README.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ianaPortDb } from '../ports/iana-data.ts';
import { explainTable } from './explain.ts';
import { parseSocketTable } from './parse.ts';

const root = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.txt')).map((f) => `${d}/${f}`))
  .sort();
const db = ianaPortDb();

describe('parseSocketTable(fixture)', () => {
  test('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  test.each(fixtures)('%s matches its expected rows, issues and format', (name) => {
    const text = readFileSync(join(root, name), 'utf8');
    const expected = JSON.parse(readFileSync(join(root, name.replace(/\.txt$/, '.expected.json')), 'utf8'));
    const table = parseSocketTable(text, { ports: db });
    expect(table.format).toBe(expected.format);
    expect(table.rows.length).toBe(expected.rowCount);
    expect(table.rows).toEqual(expected.rows);
    expect(table.issues.map((i) => ({ line: i.line, severity: i.severity }))).toEqual(expected.issues);
    expect(table.sections).toEqual(expected.sections);
    // every row points back at a line of the paste that holds its local port or service name
    const lines = text.split(/\r\n|\r|\n/);
    for (const row of table.rows) {
      const source = lines[row.line - 1] ?? '';
      expect(source.includes(row.local.service ?? String(row.local.port ?? '*'))).toBe(true);
    }
  });

  test.each(fixtures)('explainTable(rows of %s) gives every row at least one note', (name) => {
    const table = parseSocketTable(readFileSync(join(root, name), 'utf8'), { ports: db });
    const explained = explainTable(table.rows, { ports: db });
    expect(explained.rows.length).toBe(table.rows.length);
    for (const r of explained.rows) expect(r.notes.length).toBeGreaterThan(0);
    expect(explained.summary.rows).toBe(table.rows.length);
  });
});
