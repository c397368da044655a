import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arrowAt, boxesOverlap, layoutLadder, LADDER_DEFAULTS, LADDER_MIN_WIDTH, segmentHitsBox, wrap, type Box, type LadderArrow, type LadderData } from './ladder-layout.ts';

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

describe('label placement', () => {
  // Two data segments leave the client at the same instant and arrive at nearly the same time,
  // as in the data-transfer and half-close presets: their lines start on top of each other.
  const twins: LadderData = {
    lanes: data.lanes,
    rows: [{ t: 0, label: '0 ms' }, { t: 50, label: '50 ms' }, { t: 60, label: '60 ms' }],
    arrows: [
      arrow({ id: 'd1', label: 'ACK seq=101 ack=301 len=1000', tone: 'psh' }),
      arrow({ id: 'd2', label: 'ACK seq=1101 ack=301 len=1000', tone: 'psh' }),
      arrow({ id: 'd3', t1: 60, label: 'PSH,ACK seq=2101 ack=301 len=500', tone: 'psh' }),
    ],
    spans: [],
    marks: [],
  };

  test('layoutLadder() keeps the labels of segments sent at the same instant apart, each clear of its own arrow', () => {
    const l = layoutLadder(twins, { width: 630 });
    const boxes = l.arrows.map((a) => a.labelBox);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!)).toBe(false);
    for (const a of l.arrows) expect(segmentHitsBox(a, a.labelBox)).toBe(false);
  });

  test('layoutLadder() turns each label to its arrow and keeps it upright, also for arrows going left', () => {
    const back = layoutLadder({ ...data, arrows: [arrow({ from: 'b', to: 'a' })] }, { width: 800 }).arrows[0]!;
    const fwd = layoutLadder(data, { width: 800 }).arrows[0]!;
    expect(fwd.labelBox.angle).toBeCloseTo(fwd.angle);
    expect(Math.abs(back.labelBox.angle)).toBeLessThan(90);
    expect(back.labelBox.angle).toBeCloseTo(-fwd.angle);
  });

  test('layoutLadder() wraps a label that is longer than the distance between the lanes', () => {
    const l = layoutLadder(data, { width: 480, fontSize: 32, axis: 0, gutter: 40 });
    const long = l.arrows[0]!;
    expect(long.lines).toEqual(['SYN']);
    const wide = layoutLadder({ ...data, arrows: [arrow({ label: 'SYN,ACK seq=4294967295 ack=4294967295 len=1000' })] }, { width: 480, fontSize: 32, axis: 0, gutter: 40 });
    expect(wide.arrows[0]!.lines.length).toBeGreaterThan(1);
    expect(wide.arrows[0]!.lines.join(' ')).toBe('SYN,ACK seq=4294967295 ack=4294967295 len=1000');
  });

  test('layoutLadder() marks a lost arrow with a box at the point of loss, and keeps its label off that box', () => {
    const lost = layoutLadder(data, { width: 800 }).arrows[1]!;
    expect(lost.lostBox).toBeDefined();
    expect(lost.lostBox!.cx).toBe(lost.x2);
    expect(boxesOverlap(lost.labelBox, lost.lostBox!)).toBe(false);
    expect(layoutLadder(data, { width: 800 }).arrows[0]!.lostBox).toBeUndefined();
  });

  test('layoutLadder() places the same labels whatever order they are first read in (they are placed on first use)', () => {
    // Six arrows crowded into two rows, so later labels really are pushed around by earlier ones.
    const crowded: LadderData = {
      ...twins,
      arrows: [0, 1, 2, 3, 4, 5].map((k) => arrow({ id: `c${k}`, from: k % 2 ? 'b' : 'a', to: k % 2 ? 'a' : 'b', t0: k % 3 === 0 ? 0 : 50, t1: 60, label: `PSH,ACK seq=${k}01 len=1000` })),
    };
    const inOrder = layoutLadder(crowded, { width: 560 }).arrows.map((a) => a.labelBox);
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), (order) => {
        const l = layoutLadder(crowded, { width: 560 });
        const seen = new Map(order.map((i) => [i, l.arrows[i]!.labelBox]));
        expect(order.map((i) => seen.get(i))).toEqual(order.map((i) => inOrder[i]));
      }),
    );
    for (let i = 0; i < inOrder.length; i++) for (let j = i + 1; j < inOrder.length; j++) expect(boxesOverlap(inOrder[i]!, inOrder[j]!)).toBe(false);
  });

  test('layoutLadder() marks a retransmission in the label itself', () => {
    const l = layoutLadder({ ...data, arrows: [arrow({ note: 'retransmission' })] }, { width: 800 });
    expect(l.arrows[0]!.lines.join(' ')).toBe('↻ SYN');
  });
});

describe('wrap', () => {
  test.each([
    // fits: one line
    ['SYN seq=100 len=0', 40, ['SYN seq=100 len=0']],
    // breaks at spaces, filling each line
    ['SYN,ACK seq=300 ack=101 len=0', 16, ['SYN,ACK seq=300', 'ack=101 len=0']],
    // a word longer than the line keeps a line of its own
    ['seq=4294967295 x', 5, ['seq=4294967295', 'x']],
  ])('wrap(%j, %d) is %j', (text, max, lines) => {
    expect(wrap(text, max)).toEqual(lines);
  });
});

describe('geometry helpers', () => {
  const box = (over: Partial<Box>): Box => ({ cx: 0, cy: 0, w: 10, h: 4, angle: 0, ...over });
  test.each([
    // same place
    [box({}), box({}), true],
    // side by side, touching: not overlapping
    [box({}), box({ cx: 10 }), false],
    // apart
    [box({}), box({ cy: 5 }), false],
    // turned a quarter: a 10×4 box standing up crosses a flat one
    [box({}), box({ angle: 90, cx: 4 }), true],
    // turned 45° and just clear of the corner
    [box({}), box({ angle: 45, cx: 9, cy: 6 }), false],
  ])('boxesOverlap(%j, %j) is %s', (a, b, expected) => {
    expect(boxesOverlap(a, b)).toBe(expected);
    expect(boxesOverlap(b, a)).toBe(expected);
  });

  test.each([
    // straight through
    [{ x1: -20, y1: 0, x2: 20, y2: 0 }, box({}), true],
    // passes above
    [{ x1: -20, y1: -3, x2: 20, y2: -3 }, box({}), false],
    // ends before the box
    [{ x1: -20, y1: 0, x2: -6, y2: 0 }, box({}), false],
    // a turned box is hit by a line along its long side
    [{ x1: 0, y1: -20, x2: 0, y2: 20 }, box({ angle: 90 }), true],
  ])('segmentHitsBox(%j, %j) is %s', (s, b, expected) => {
    expect(segmentHitsBox(s, b)).toBe(expected);
  });
});
