import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { STATE_ORDER, type SummaryState } from '../../core/index.ts';
import { BAND_HEIGHT, COUNT_WIDTH, LABEL_WIDTH, MIN_BAR, MIN_WIDTH, chartSummary, layoutStateChart } from './layout.ts';

const round = (n: number) => Math.round(n * 100) / 100;

describe('layoutStateChart(states, width)', () => {
  test('draws one bar per state present, in RFC order, the longest for the largest count', () => {
    const layout = layoutStateChart(
      [
        { state: 'TIME-WAIT', count: 12 },
        { state: 'ESTABLISHED', count: 6 },
        { state: 'LISTEN', count: 3 },
        { state: 'UDP', count: 0 }, // nothing to draw
      ],
      600,
    );
    expect(layout.bars.map((b) => [b.state, b.count, b.family])).toEqual([
      ['LISTEN', 3, 'listen'],
      ['ESTABLISHED', 6, 'established'],
      ['TIME-WAIT', 12, 'time-wait'],
    ]);
    expect(layout.height).toBe(3 * BAND_HEIGHT);
    expect(layout.total).toBe(21);
    const full = 600 - LABEL_WIDTH - COUNT_WIDTH;
    expect(layout.bars.map((b) => round(b.width))).toEqual([round((full * 3) / 12), round((full * 6) / 12), full]);
    expect(layout.bars.every((b) => b.x === LABEL_WIDTH)).toBe(true);
    expect(layout.bars.map((b) => round(b.countX))).toEqual(layout.bars.map((b) => round(LABEL_WIDTH + b.width + 6)));
  });

  test('keeps every bar and its count inside the chart, at any width and any counts', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...STATE_ORDER), { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: STATE_ORDER.length, maxLength: STATE_ORDER.length }),
        fc.integer({ min: 0, max: 4000 }),
        (states: SummaryState[], counts, width) => {
          const layout = layoutStateChart(
            states.map((s, i) => ({ state: s, count: counts[i]! })),
            width,
          );
          expect(layout.width).toBe(Math.max(MIN_WIDTH, width));
          for (const b of layout.bars) {
            expect(b.width).toBeGreaterThanOrEqual(MIN_BAR);
            // the bar plus the room for its count fit (a minimum-width bar may add at most MIN_BAR)
            expect(b.x + b.width + COUNT_WIDTH).toBeLessThanOrEqual(layout.width + MIN_BAR + 1e-9);
            expect(b.y).toBeGreaterThanOrEqual(0);
            expect(b.y + b.height).toBeLessThanOrEqual(layout.height + 1e-9);
          }
          // bars do not overlap
          for (let i = 1; i < layout.bars.length; i++) expect(layout.bars[i]!.y).toBeGreaterThanOrEqual(layout.bars[i - 1]!.y + layout.bars[i - 1]!.height);
        },
      ),
      { numRuns: 200, seed: 6 },
    );
  });

  test('has no bars and no height for an empty table', () => {
    expect(layoutStateChart([], 500)).toMatchObject({ bars: [], height: 0, total: 0 });
  });
});

describe('chartSummary(layout)', () => {
  test.each([
    // [states, sentence]
    [[], 'No sockets to chart.'],
    [[{ state: 'LISTEN', count: 1 }], 'Bar chart: 1 socket in 1 state; the most common is LISTEN with 1.'],
    [
      [
        { state: 'LISTEN', count: 3 },
        { state: 'TIME-WAIT', count: 12_000 },
      ],
      'Bar chart: 12,003 sockets in 2 states; the most common is TIME-WAIT with 12,000.',
    ],
  ] as const)('sums up %j', (states, sentence) => {
    expect(chartSummary(layoutStateChart(states))).toBe(sentence);
  });
});
