/**
 * Geometry of a state diagram drawn on a grid: boxes at (col, row), straight edges between box
 * borders, and a pair of opposite edges drawn side by side instead of on top of each other.
 * Protocol-neutral (TCP's RFC 9293 Figure 5 today; TLS or NAT mapping states later). Pure.
 */

export interface DiagramNode {
  id: string;
  label: string;
  col: number;
  row: number;
  /** Colour token suffix, e.g. a state family ("established" → --pl-state-established). */
  tone: string;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
}

export interface DiagramOptions {
  colWidth: number;
  rowHeight: number;
  boxWidth: number;
  boxHeight: number;
  /** Space around the grid. */
  pad: number;
  /** Distance between the two lines of an edge pair A→B, B→A. */
  pairGap: number;
}

export const DIAGRAM_DEFAULTS: DiagramOptions = { colWidth: 150, rowHeight: 64, boxWidth: 128, boxHeight: 34, pad: 8, pairGap: 10 };

export interface PlacedNode extends DiagramNode {
  /** Centre. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedEdge extends DiagramEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/**
 * Where the ray from a box's centre towards (dx, dy) leaves the box: the box is scaled until the
 * ray touches its nearer border.
 */
export function borderPoint(n: PlacedNode, dx: number, dy: number): { x: number; y: number } {
  if (dx === 0 && dy === 0) return { x: n.x, y: n.y };
  const sx = dx === 0 ? Infinity : n.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : n.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: n.x + dx * s, y: n.y + dy * s };
}

/** Lays out the boxes and clips every edge to their borders; edges naming an unknown node are left out. */
export function layoutDiagram(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[], options: Partial<DiagramOptions> = {}): DiagramLayout {
  const o = { ...DIAGRAM_DEFAULTS, ...options };
  const cols = Math.max(1, ...nodes.map((n) => n.col + 1));
  const rows = Math.max(1, ...nodes.map((n) => n.row + 1));
  const placed = nodes.map((n) => ({ ...n, x: o.pad + o.colWidth * n.col + o.colWidth / 2, y: o.pad + o.rowHeight * n.row + o.rowHeight / 2, w: o.boxWidth, h: o.boxHeight }));
  const byId = new Map(placed.map((n) => [n.id, n]));
  const pairs = new Set(edges.map((e) => `${e.from}>${e.to}`));
  const out: PlacedEdge[] = [];
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy);
    // Opposite edges: shift each to its own right-hand side, so both stay visible.
    const shift = pairs.has(`${e.to}>${e.from}`) ? o.pairGap / 2 : 0;
    const ox = (-dy / len) * shift;
    const oy = (dx / len) * shift;
    const p1 = borderPoint(a, dx, dy);
    const p2 = borderPoint(b, -dx, -dy);
    out.push({ ...e, x1: p1.x + ox, y1: p1.y + oy, x2: p2.x + ox, y2: p2.y + oy });
  }
  return { width: o.pad * 2 + cols * o.colWidth, height: o.pad * 2 + rows * o.rowHeight, nodes: placed, edges: out };
}

/** A host sitting in a box of a drawn diagram. */
export interface DiagramMarker {
  node: string;
  label: string;
  /** 0 for the first host (badge at the left), 1 for the second (right). */
  slot: 0 | 1;
}

/** An edge a host just took, drawn bold and named in the caption. */
export interface DiagramHighlight {
  edge: string;
  label: string;
}
