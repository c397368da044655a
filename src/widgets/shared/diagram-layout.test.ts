import { describe, expect, test } from 'vitest';
import { borderPoint, layoutDiagram, type DiagramNode } from './diagram-layout.ts';

const node = (id: string, col: number, row: number): DiagramNode => ({ id, label: id, col, row, tone: 'closed' });
const opts = { colWidth: 100, rowHeight: 50, boxWidth: 80, boxHeight: 20, pad: 0, pairGap: 10 };

describe('layoutDiagram', () => {
  test('layoutDiagram() centres boxes in their grid cells and sizes the drawing to the grid', () => {
    const l = layoutDiagram([node('A', 0, 0), node('B', 2, 1)], [], opts);
    expect(l.nodes.map((n) => [n.x, n.y])).toEqual([[50, 25], [250, 75]]);
    expect([l.width, l.height]).toEqual([300, 100]);
  });

  test('layoutDiagram() clips an edge to both box borders', () => {
    const l = layoutDiagram([node('A', 0, 0), node('B', 0, 2)], [{ id: 'e', from: 'A', to: 'B' }], opts);
    expect(l.edges[0]).toMatchObject({ x1: 50, y1: 35, x2: 50, y2: 115 });
  });

  test('layoutDiagram() draws opposite edges side by side, pairGap apart', () => {
    const l = layoutDiagram([node('A', 0, 0), node('B', 0, 2)], [{ id: 'ab', from: 'A', to: 'B' }, { id: 'ba', from: 'B', to: 'A' }], opts);
    const [ab, ba] = l.edges;
    expect(Math.abs(ab!.x1 - ba!.x1)).toBeCloseTo(10);
  });

  test('layoutDiagram() leaves out edges to unknown nodes and loops', () => {
    const l = layoutDiagram([node('A', 0, 0)], [{ id: 'x', from: 'A', to: 'Z' }, { id: 'y', from: 'A', to: 'A' }], opts);
    expect(l.edges).toEqual([]);
  });
});

describe('borderPoint', () => {
  const n = { ...node('A', 0, 0), x: 0, y: 0, w: 80, h: 20 };
  test.each([
    // straight right: the right border
    [1, 0, 40, 0],
    // straight down: the bottom border
    [0, 1, 0, 10],
    // a shallow diagonal leaves through the side, a steep one through the top or bottom
    [4, 1, 40, 10],
    [1, 1, 10, 10],
    // no direction: the centre
    [0, 0, 0, 0],
  ])('borderPoint(box, %d, %d) is (%d, %d)', (dx, dy, x, y) => {
    expect(borderPoint(n, dx, dy)).toEqual({ x, y });
  });
});
