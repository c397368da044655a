/**
 * Writes `<fixture>.expected.json` next to every fixture from what the parser returns today.
 * A developer tool: run it after a deliberate change, then READ the diff of every expected file
 * (row counts must equal the number of socket lines; see README.md). Usage:
 *   npx node scripts/regenerate-socket-fixtures.ts [name-filter]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ianaPortDb } from '../src/core/ports/iana-data.ts';
import { parseSocketTable } from '../src/core/sockets/parse.ts';

const root = new URL('../src/core/sockets/fixtures/', import.meta.url).pathname;
const filter = process.argv[2] ?? '';
const db = ianaPortDb();
for (const dir of readdirSync(root)) {
  if (!statSync(join(root, dir)).isDirectory()) continue;
  for (const file of readdirSync(join(root, dir))) {
    if (!file.endsWith('.txt') || !`${dir}/${file}`.includes(filter)) continue;
    const path = join(root, dir, file);
    const table = parseSocketTable(readFileSync(path, 'utf8'), { ports: db });
    const expected = {
      format: table.format,
      rowCount: table.rows.length,
      sections: table.sections,
      issues: table.issues.map((i) => ({ line: i.line, severity: i.severity })),
      rows: table.rows,
    };
    writeFileSync(path.replace(/\.txt$/, '.expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
    console.log(`${dir}/${file}: ${table.format}, ${table.rows.length} rows, ${table.issues.length} issues`);
  }
}
