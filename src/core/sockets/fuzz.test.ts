/**
 * Property tests: no input makes the parser or the explainer throw, and every row keeps a valid
 * source line. Inputs: random strings, mutated fixture lines, binary, very long lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainTable } from './explain.ts';
import { parseSocketTable } from './parse.ts';
import type { SocketFormat } from './types.ts';

const root = join(import.meta.dirname, 'fixtures');
const fixtureLines = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(root, d, f), 'utf8')))
  .flatMap((t) => t.split(/\r?\n/))
  .filter((l) => l.trim() !== '');

/** Seeded so a failure reproduces; runs sized to keep the suite well under its time budget. */
const RUNS = { numRuns: 300, seed: 6 } as const;
const FORMATS: readonly (SocketFormat | undefined)[] = [undefined, 'linux-netstat', 'ss', 'windows-netstat', 'bsd-netstat', 'lsof', 'powershell'];

function check(text: string, format?: SocketFormat): void {
  const t = parseSocketTable(text, format === undefined ? {} : { format });
  const lineCount = t.lineCount;
  for (const r of t.rows) {
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeLessThanOrEqual(lineCount);
  }
  for (const i of t.issues) expect(i.text.length).toBeLessThanOrEqual(201);
  explainTable(t.rows);
}

/** One fixture line with characters inserted, deleted or replaced. */
const mutatedLine = fc
  .tuple(fc.constantFrom(...fixtureLines), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.string({ maxLength: 3 })), { maxLength: 6 }))
  .map(([line, edits]) => {
    let s = line;
    for (const [at, kind, text] of edits) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      s = kind === 0 ? s.slice(0, i) + text + s.slice(i) : kind === 1 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + text + s.slice(i + text.length);
    }
    return s;
  });

describe('parseSocketTable(any text) never throws', () => {
  test('random strings, with any forced format', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), fc.constantFrom(...FORMATS), (s, f) => check(s, f)), RUNS);
  });

  test('fixture lines with random edits, shuffled into pastes', () => {
    fc.assert(fc.property(fc.array(mutatedLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => check(lines.join(eol))), RUNS);
  });

  test('binary bytes decoded as text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => check(new TextDecoder().decode(bytes))), RUNS);
  });

  test('huge lines and lines at the length limit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtureLines), fc.integer({ min: 1, max: 12_000 }), (line, n) => check(`${line}${' x'.repeat(n)}\n${line}`)),
      { numRuns: 40, seed: 6 },
    );
  });

  test('every socket line becomes exactly one row, wherever it sits in a paste', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(fixtureLines, { minLength: 1, maxLength: 30 }), (lines) => {
        // A line that is a row on its own is still one row next to any other lines: rows are
        // recognised before context (ss details, Windows owners) is consulted.
        const alone = lines.filter((l) => parseSocketTable(l).rows.length === 1).length;
        expect(parseSocketTable(lines.join('\n')).rows.length).toBe(alone);
      }),
      RUNS,
    );
  });
});
