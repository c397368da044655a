import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainTable } from './explain.ts';
import { CSV_COLUMNS, EXPORT_LINES_SHOWN, csvField, markdownCell, tableToCsv, tableToMarkdown } from './export.ts';
import { parseSocketTable } from './parse.ts';
import { splitLines } from './view.ts';

/** Seeded so a failure reproduces. */
const RUNS = { numRuns: 300, seed: 606 } as const;

const PASTE = [
  'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
  'tcp   LISTEN 0      5          0.0.0.0:3306      0.0.0.0:*    users:(("my|sql,\\"d",pid=7,fd=3))',
  'tcp   ESTAB  0      0        10.0.0.5:41000    10.0.0.9:443   users:(("=cmd",pid=8,fd=4))',
  '<img src=x onerror=alert(1)>',
].join('\n');

function analyse(text: string) {
  const table = parseSocketTable(text);
  const explained = explainTable(table.rows);
  return { table, explained };
}

/**
 * A small RFC 4180 reader for the tests: fields, quotes doubled inside quotes, CRLF records.
 * Written independently of csvField so the round trip means something.
 */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('csvField(value)', () => {
  test.each([
    // [value, field]
    ['plain', 'plain'],
    ['a,b', '"a,b"'], // comma → quoted
    ['say "hi"', '"say ""hi"""'], // quotes doubled
    ['two\nlines', '"two\nlines"'], // line break kept inside quotes
    ['=1+1', "'=1+1"], // formula neutralised
    ['@SUM(A1)', "'@SUM(A1)"], // formula neutralised
    ['-2+3,x', `"'-2+3,x"`], // neutralised, then quoted
    [42, '42'], // numbers as they are
    [undefined, ''], // missing value
  ])('writes %j as %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  test('round-trips any text through an RFC 4180 reader (after the formula guard)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '=', '+', '-', '@', 'é', '\t') }), (s) => {
        const read = readCsv(`${csvField(s)},x\r\n`);
        expect(read).toEqual([[/^[=+\-@\t\r]/.test(s) ? `'${s}` : s, 'x']]);
      }),
      RUNS,
    );
  });
});

describe('markdownCell(text)', () => {
  test('escapes every character that could become markup, a link or another column', () => {
    expect(markdownCell('<script>alert(1)</script> | *x* [a](b) `c` &amp;')).toBe(
      '\\<script\\>alert(1)\\</script\\> \\| \\*x\\* \\[a\\](b) \\`c\\` \\&amp;',
    );
  });

  test('never leaves an unescaped pipe or a line break, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('|', '\\', '\n', '\r', 'a', '<', '`') }), (s) => {
        const cell = markdownCell(s);
        expect(cell).not.toMatch(/[\r\n]/);
        // every pipe is preceded by an odd number of backslashes
        for (const m of cell.matchAll(/(\\*)\|/g)) expect(m[1]!.length % 2).toBe(1);
      }),
      RUNS,
    );
  });
});

describe('tableToCsv(rows)', () => {
  test('writes a header and one record per row, with notes and the source line', () => {
    const { explained } = analyse(PASTE);
    const lines = splitLines(PASTE);
    const csv = tableToCsv(explained.rows, { source: (n) => lines[n - 1] ?? '' });
    const records = readCsv(csv);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(3);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const [, listener, conn] = records as [string[], string[], string[]];
    expect(listener[col('local_port')]).toBe('3306');
    expect(listener[col('process')]).toBe('my|sql,\\"d'); // commas and quotes survive
    expect(listener[col('exposure')]).toBe('all-interfaces');
    expect(listener[col('notes')]).toMatch(/every IPv4 address/);
    expect(listener[col('source_line')]).toBe(lines[1]);
    expect(conn[col('process')]).toBe("'=cmd"); // a formula is not a formula any more
    expect(conn[col('remote_address')]).toBe('10.0.0.9');
    expect(conn[col('state')]).toBe('ESTABLISHED');
    expect(conn[col('state_as_printed')]).toBe('ESTAB');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('tableToMarkdown(rows, context)', () => {
  test('writes the format, findings, one table row per socket and the lines not understood', () => {
    const { table, explained } = analyse(PASTE);
    const md = tableToMarkdown(explained.rows, { format: table.format, lineCount: table.lineCount, findings: explained.findings, issues: table.issues });
    expect(md).toContain('Format: Linux ss (iproute2). 4 lines pasted; 2 rows.');
    expect(md).toMatch(/## Findings\n\n- \*\*Warning:\*\* MySQL \(port 3306\) listens on all interfaces.*\(lines 2\)/);
    const tableRows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(tableRows).toHaveLength(2);
    // the process name's pipe is escaped, so each row still has 9 separators
    for (const r of tableRows) expect(r.split(/(?<!\\)\|/).length).toBe(10);
    expect(tableRows[0]).toContain('my\\|sql');
    expect(md).toContain("- Line 4, not understood: Looks like HTML, not command output; it is shown as text and ignored. — `<img src=x onerror=alert(1)>`");
    expect(md).not.toMatch(/(?<![`\\])<img/);
  });

  test('cuts long line lists of a finding', () => {
    const text = Array.from({ length: 30 }, (_, i) => `tcp CLOSE-WAIT 1 0 10.0.0.5:80 10.0.0.9:${40000 + i} users:(("app",pid=9,fd=${i}))`).join('\n');
    const { table, explained } = analyse(text);
    const md = tableToMarkdown(explained.rows, { format: table.format, lineCount: table.lineCount, findings: explained.findings });
    expect(md).toContain(`and ${30 - EXPORT_LINES_SHOWN} more)`);
  });

  test('says when the rows are a filtered subset', () => {
    const { table, explained } = analyse(PASTE);
    const md = tableToMarkdown(explained.rows.slice(0, 1), { format: table.format, lineCount: table.lineCount, filtered: true });
    expect(md).toContain('1 row (filtered).');
  });
});
