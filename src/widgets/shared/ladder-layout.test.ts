import { describe, expect, test } from 'vitest';
import { arrowAt, layoutLadder, LADDER_DEFAULTS, LADDER_MIN_WIDTH, type LadderArrow, type LadderData } from './ladder-layout.ts';

const arrow = (over: Partial<LadderArrow>): LadderArrow => ({
  id: 'x', from: 'a', to: 'b', t0: 0, t1: 50, reach: 1, status: 'delivered', label: 'SYN', tone: 'syn', description: 'SYN', ...over,
});

const data: LadderData = {
  lanes: [{ id: 'a', label: 'Client' }, { id: 'b', label: 'Server' }],
  rows: [{ t: 0, label: '0 ms' }, { t: 50, label: '50 ms' }, { t: 3050, label: '3.05 s' }],
  arrows: [arrow({}), arrow({ id: 'lost', t0: 50, t1: 3050, reach: 0.5, status: 'lost' })],
  spans: [{ id: 'rto', lane: 'a', t0: 0, t1: 3050, label: 'RTO', tone: 'rto' }],
  marks: [{ id: 'm', lane: 'a', t: 0, label: 'SYN-SENT', tone: 'opening' }, { id: 'n', lane: 'b', t: 50, label: 'SYN-RECEIVED', tone: 'opening' }],
};

describe('layoutLadder', () => {
  const l = layoutLadder(data, { width: 800 });

  test('layoutLadder() gives every row time an equal slot, whatever the time between them', () => {
    expect(l.rows.map((r) => r.y)).toEqual([56, 100, 144]);
    // half way in time between 50 ms and 3.05 s is half way between their rows
    expect(l.y(1550)).toBe(122);
    expect(l.height).toBe(LADDER_DEFAULTS.header + 3 * LADDER_DEFAULTS.rowHeight);
  });

  test('layoutLadder() spreads the lanes between the gutters', () => {
    expect(l.lanes.map((x) => x.x)).toEqual([LADDER_DEFAULTS.axis + LADDER_DEFAULTS.gutter, 800 - LADDER_DEFAULTS.gutter]);
  });

  test('layoutLadder() stops a lost arrow at its reach, in time and across', () => {
    const [ok, lost] = l.arrows;
    expect([ok!.x2, ok!.y2]).toEqual([l.lanes[1]!.x, 100]);
    expect(lost!.x2).toBe((l.lanes[0]!.x + l.lanes[1]!.x) / 2);
    expect(lost!.y2).toBe(144);
    expect(ok!.angle).toBeGreaterThan(0); // time runs down the page
  });

  test('layoutLadder() puts timers inside the lanes and state names outside', () => {
    expect(l.spans[0]!.x).toBeGreaterThan(l.lanes[0]!.x);
    expect([l.marks[0]!.anchor, l.marks[1]!.anchor]).toEqual(['end', 'start']);
    expect(l.marks[0]!.x).toBeLessThan(l.lanes[0]!.x);
    expect(l.marks[1]!.x).toBeGreaterThan(l.lanes[1]!.x);
  });

  test('layoutLadder() never draws narrower than its minimum, and copes with one row', () => {
    expect(layoutLadder(data, { width: 200 }).width).toBe(LADDER_MIN_WIDTH);
    const one = layoutLadder({ ...data, rows: [{ t: 7, label: '' }] });
    expect(one.y(7)).toBe(LADDER_DEFAULTS.header);
    expect(Number.isFinite(one.y(100))).toBe(true);
  });
});

describe('arrowAt', () => {
  const [a, lost] = layoutLadder(data, { width: 800 }).arrows;
  test.each([
    // not sent yet
    [-1, false, 0, false],
    // just sent: a dot at the sender
    [0, true, 0, false],
    // half way in time is half way along
    [25, true, 0.5, false],
    [50, true, 1, true],
    [1000, true, 1, true],
  ])('arrowAt(arrow, %d) is visible=%s at fraction %d, done=%s', (t, visible, f, done) => {
    const p = arrowAt(a!, t);
    expect(p.visible).toBe(visible);
    expect(p.done).toBe(done);
    if (visible) expect(p.x).toBeCloseTo(a!.x1 + (a!.x2 - a!.x1) * f);
  });

  test('arrowAt() of a lost arrow never goes past where it was lost', () => {
    expect(arrowAt(lost!, 1e9).x).toBe(lost!.x2);
  });
});
