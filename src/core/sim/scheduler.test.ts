import fc from 'fast-check';
import { expect, test } from 'vitest';
import { EventQueue } from './scheduler.ts';

test('EventQueue.pop() returns items by time and, at equal times, in insertion order', () => {
  const q = new EventQueue<string>();
  q.push(50, 'arrive-1');
  q.push(10, 'step');
  q.push(50, 'arrive-2');
  q.push(50, 'arrive-3');
  q.push(0, 'first');
  const out: string[] = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(`${e.t}:${e.item}`);
  expect(out).toEqual(['0:first', '10:step', '50:arrive-1', '50:arrive-2', '50:arrive-3']);
  expect(q.peekTime()).toBe(Infinity);
});

test('EventQueue orders any sequence of pushes exactly like a stable sort by time', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
      const q = new EventQueue<number>();
      times.forEach((t, i) => q.push(t, i));
      const popped: number[] = [];
      for (let e = q.pop(); e !== undefined; e = q.pop()) popped.push(e.item);
      const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i).map((x) => x.i);
      expect(popped).toEqual(expected);
    }),
  );
});
