/**
 * Geometry of a ladder (time-sequence) diagram: vertical lanes for the hosts, time running down,
 * one arrow per message. Protocol-neutral plain data in, plain numbers out, so the TCP simulator
 * and later FTP, NAT and TLS simulations draw with one visual vocabulary. Pure: no DOM, no runes.
 *
 * Time is not drawn to scale. Each "row" time (the moments worth stopping at) gets an equal slot
 * and time in between is interpolated (a piecewise-linear d3 scale), so a 50 ms hop and a 3 s
 * retransmission wait both stay readable; the row labels carry the real times.
 */
import { scaleLinear } from 'd3-scale';

/** A host or middlebox: one vertical line. */
export interface LadderLane {
  id: string;
  /** Shown at the top, e.g. "Client". */
  label: string;
  /** Second line, e.g. "10.0.0.1:49152". */
  sublabel?: string;
}

/** How an arrow ended. */
export type ArrowStatus = 'delivered' | 'lost' | 'in-flight';

/** One message from lane `from` to lane `to`. */
export interface LadderArrow {
  /** Unique and stable across re-runs where possible (Svelte keys on it). */
  id: string;
  from: string;
  to: string;
  /** Sent at. */
  t0: number;
  /** Arrived, was lost, or (in flight when the run ended) the last time drawn. */
  t1: number;
  /** Fraction of the path covered at `t1`: 1 when delivered, e.g. 0.5 when lost half way. */
  reach: number;
  status: ArrowStatus;
  /** Text along the arrow, e.g. "SYN seq=100 len=0". */
  label: string;
  /** Colour token suffix; the component maps it to a CSS variable (e.g. "syn" → --pl-flag-syn). */
  tone: string;
  /** A short word shown before the label and as a dashed line, e.g. "retransmission". */
  note?: string;
  /** Screen-reader text for the arrow. */
  description: string;
}

/** Something running on one lane over a time span (a timer). */
export interface LadderSpan {
  id: string;
  lane: string;
  t0: number;
  t1: number;
  label: string;
  tone: string;
}

/** A labelled moment on one lane (a state change). */
export interface LadderMark {
  id: string;
  lane: string;
  t: number;
  label: string;
  tone: string;
}

/** Everything a ladder shows. */
export interface LadderData {
  lanes: LadderLane[];
  /** Times that get a row of their own, strictly increasing (at least one). */
  rows: { t: number; label: string }[];
  arrows: LadderArrow[];
  spans: LadderSpan[];
  marks: LadderMark[];
}

/** Sizes in SVG user units (CSS pixels at 1:1). */
export interface LadderOptions {
  width: number;
  /** Height of one row slot. */
  rowHeight: number;
  /** Room above the first row for lane titles. */
  header: number;
  /** Room on the far left for row (time) labels. */
  axis: number;
  /** Room outside each outer lane for marks (state names). */
  gutter: number;
  /** Font size of the labels, in the same units: label boxes are measured from it. */
  fontSize: number;
}

/** Defaults tuned for 13 px labels: "SYN-RECEIVED" fits the gutter. */
export const LADDER_DEFAULTS: LadderOptions = { width: 640, rowHeight: 44, header: 56, axis: 64, gutter: 104, fontSize: 13 };

/**
 * Advance width of one character of the monospace label font, in em. Monospace faces in use are
 * 0.55–0.61 em (Consolas 0.55, DejaVu Sans Mono / Menlo / SF Mono ≈ 0.60); the larger value
 * keeps boxes from under-measuring.
 */
export const MONO_CHAR_EM = 0.62;
/** Line height of multi-line labels, in em. */
export const LABEL_LINE_EM = 1.2;
/** Clear space between an arrow and its label, and between stacked labels, in em. */
export const LABEL_GAP_EM = 0.3;

/** Narrowest drawing: below it the ladder scrolls inside its own box instead of squeezing labels. */
export const LADDER_MIN_WIDTH = 480;

/** A rectangle centred on (cx, cy), turned by `angle` degrees (clockwise, as SVG rotates). */
export interface Box {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

export interface PlacedArrow extends LadderArrow {
  x1: number;
  y1: number;
  /** Where the arrow ends at `t1` (short of the far lane when lost). */
  x2: number;
  y2: number;
  /** Angle of the line in degrees, for the label. */
  angle: number;
  /** The label (with a "↻ " before retransmissions) broken into lines that fit between the lanes. */
  lines: string[];
  /**
   * Where the label goes: parallel to the arrow, beside it, clear of every other label. Worked
   * out when first read (with every earlier arrow's label), so only the labels shown cost time.
   */
  readonly labelBox: Box;
  /** For a lost arrow, the "✗ lost" marker at the point of loss. */
  lostBox?: Box;
}

export interface LadderLayout {
  width: number;
  height: number;
  lanes: (LadderLane & { x: number })[];
  rows: { t: number; label: string; y: number }[];
  arrows: PlacedArrow[];
  spans: (LadderSpan & { x: number; y1: number; y2: number; side: -1 | 1 })[];
  marks: (LadderMark & { x: number; y: number; anchor: 'start' | 'end' })[];
  /** Vertical position of any time (interpolated between rows, extrapolated past the ends). */
  y: (t: number) => number;
}

/** Lays the ladder out. Lanes are spread evenly between the gutters. */
export function layoutLadder(data: LadderData, options: Partial<LadderOptions> = {}): LadderLayout {
  const o = { ...LADDER_DEFAULTS, ...options };
  const width = Math.max(o.width, LADDER_MIN_WIDTH);
  const rows = data.rows.length > 0 ? data.rows : [{ t: 0, label: '' }];
  const times = rows.map((r) => r.t);
  const ys = rows.map((_, i) => o.header + i * o.rowHeight);
  // A single row gives a constant scale; give it a second point so extrapolation still works.
  const scale = times.length > 1 ? scaleLinear().domain(times).range(ys) : scaleLinear().domain([times[0]!, times[0]! + 1]).range([ys[0]!, ys[0]! + o.rowHeight]);
  const y = (t: number) => scale(t);
  const left = o.axis + o.gutter;
  const right = width - o.gutter;
  const n = data.lanes.length;
  const lanes = data.lanes.map((l, i) => ({ ...l, x: n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1) }));
  const laneX = new Map(lanes.map((l) => [l.id, l.x]));
  const xOf = (id: string) => laneX.get(id) ?? left;
  const mid = (left + right) / 2;

  const f = o.fontSize;
  const cw = f * MONO_CHAR_EM;
  const lineH = f * LABEL_LINE_EM;
  // A text box: `chars` wide, `lines` high, anchored like SVG text at (x, baseline y).
  const textBox = (x: number, baseline: number, chars: number, anchor: 'start' | 'middle' | 'end'): Box => {
    const w = chars * cw;
    const cx = anchor === 'start' ? x + w / 2 : anchor === 'end' ? x - w / 2 : x;
    return { cx, cy: baseline - f * 0.35, w, h: lineH, angle: 0 };
  };

  const spans = data.spans.map((s) => {
    const x = xOf(s.lane);
    const side: -1 | 1 = x <= mid ? 1 : -1; // inside, towards the other lanes
    return { ...s, x: x + side * SPAN_OFFSET, y1: y(s.t0), y2: y(s.t1), side };
  });
  const marks = data.marks.map((m) => {
    const x = xOf(m.lane);
    const outer = x <= mid;
    return { ...m, x: outer ? x - MARK_OFFSET : x + MARK_OFFSET, y: y(m.t), anchor: outer ? ('end' as const) : ('start' as const) };
  });

  // Fixed text first (state names, timer names, loss markers); arrow labels are then placed around it.
  const fixed: Box[] = [
    ...marks.map((m) => textBox(m.x, m.y + f * 0.35, m.label.length, m.anchor)),
    ...spans.map((s) => textBox(s.x + s.side * 4, s.y1 + f, s.label.length, s.side > 0 ? 'start' : 'end')),
  ];
  const lines: Segment[] = [];
  // Lane lines are obstacles too: a label straddling a lane is hard to read.
  const laneLines: Segment[] = lanes.map((l) => ({ x1: l.x, y1: 0, x2: l.x, y2: o.header + rows.length * o.rowHeight }));
  const base = data.arrows.map((a) => {
    const x1 = xOf(a.from);
    const full = xOf(a.to) - x1;
    const x2 = x1 + full * a.reach;
    const y1 = y(a.t0);
    const y2 = y(a.t1);
    lines.push({ x1, y1, x2, y2 });
    // The "✗" sits on the point of loss and the word "lost" just under it.
    const lostBox: Box | undefined = a.status === 'lost' ? { cx: x2, cy: y2 + f * 0.55, w: Math.max(4 * cw, f * 1.4), h: f * 2.3, angle: 0 } : undefined;
    if (lostBox !== undefined) fixed.push(lostBox);
    return { a, x1, y1, x2, y2, full, lostBox };
  });
  // Obstacles are prepared once (corners and bounds), since each label tries up to a few hundred spots.
  const taken: Prepared[] = fixed.map(prepare);
  const segments = [...laneLines, ...lines].map(prepareSegment);
  // Labels are placed in arrow order, each clear of those before it, so the first k labels never
  // depend on later ones. They are therefore placed on first use (reading `labelBox`), with every
  // earlier one first: a simulator hydrating at its first step places one or two labels, not all
  // of them, and each later step adds its own. The result is the same as placing all at once.
  const todo: (() => Box)[] = [];
  const boxes: Box[] = [];
  const labelBox = (i: number): Box => {
    while (boxes.length <= i) {
      const box = todo[boxes.length]!();
      taken.push(prepare(box));
      boxes.push(box);
    }
    return boxes[i]!;
  };
  const arrows: PlacedArrow[] = base.map(({ a, x1, y1, x2, y2, full, lostBox }, i) => {
    const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
    // Labels read left to right: an arrow going left gets its label turned half a turn.
    const upright = angle > 90 ? angle - 180 : angle < -90 ? angle + 180 : angle;
    const text = `${a.note !== undefined ? '↻ ' : ''}${a.label}`;
    const fit = Math.max(LABEL_MIN_CHARS, Math.floor((Math.abs(full) * LABEL_FILL) / cw));
    const labelLines = wrap(text, fit);
    const w = Math.max(...labelLines.map((l) => l.length)) * cw + f * 0.4;
    const h = labelLines.length * lineH;
    const own = segments[laneLines.length + i]!;
    todo.push(() => placeLabel({ x1, y1, x2, y2 }, upright, w, h, f * LABEL_GAP_EM, taken, segments, own, width));
    const placed = { ...a, x1, y1, x2, y2, angle, lines: labelLines, ...(lostBox !== undefined ? { lostBox } : {}) };
    return Object.defineProperty(placed, 'labelBox', { get: () => labelBox(i), enumerable: true }) as PlacedArrow;
  });
  const height = o.header + (rows.length - 1) * o.rowHeight + o.rowHeight;
  return { width, height, lanes, rows: rows.map((r, i) => ({ ...r, y: ys[i]! })), arrows, spans, marks, y };
}

/** Share of the lane-to-lane distance a label line may take before it wraps. */
export const LABEL_FILL = 0.9;
/** Never wrap narrower than this many characters ("SYN,ACK" and "seq=4294967295" stay whole). */
export const LABEL_MIN_CHARS = 14;
/** Places tried along an arrow, as fractions of its drawn length, best first. */
const ALONG = [0.5, 0.38, 0.62, 0.26, 0.74];
/** How many label heights away from its arrow a label may be pushed at most. */
const MAX_STACK = 24;
/** How many label heights out a label may go to stay clear of other arrows' lines. */
const CLEAR_STACK = 1;

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Breaks `text` at spaces into lines of at most `max` characters (a longer word keeps its own line). */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= max) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

/**
 * The label's box: parallel to its arrow, on one side of it with a gap (so it never crosses its
 * own arrow), at the first spot along it that overlaps no box already placed and crosses no other
 * arrow (`own`, the label's own arrow, is skipped). Crowded spots (segments sent at the same
 * instant draw over each other) push the label one label-height further out; past CLEAR_STACK the
 * nearest spot clear of other labels wins, even if another arrow crosses it.
 */
function placeLabel(s: Segment, angle: number, w: number, h: number, gap: number, taken: readonly Prepared[], segments: readonly PreparedSegment[], own: PreparedSegment, width: number): Box {
  const rad = (angle * Math.PI) / 180;
  // Unit normal pointing "up" the page (earlier in time) for the upright angle.
  const nx = Math.sin(rad);
  const ny = -Math.cos(rad);
  let fallback: Box | undefined;
  for (let k = 0; k < MAX_STACK; k++) {
    const d = gap + h / 2 + k * (h + gap);
    for (const side of [1, -1]) {
      for (const along of ALONG) {
        const px = s.x1 + (s.x2 - s.x1) * along;
        const py = s.y1 + (s.y2 - s.y1) * along;
        const box: Box = { cx: px + nx * d * side, cy: py + ny * d * side, w, h, angle };
        const candidate = prepare(box);
        if (candidate.minX < 0 || candidate.maxX > width) continue;
        if (taken.some((b) => preparedOverlap(b, candidate))) continue;
        fallback ??= box;
        if (k <= CLEAR_STACK && !segments.some((o) => o !== own && preparedSegmentHits(o, candidate))) return box;
      }
    }
    // Close to the arrow but across another line reads better than far away and clear.
    if (fallback !== undefined && k >= CLEAR_STACK) return fallback;
  }
  // An absurdly crowded drawing: below everything.
  return fallback ?? { cx: s.x1, cy: Math.max(...taken.map((b) => b.box.cy + b.box.h + b.box.w), s.y1) + h, w, h, angle };
}

/**
 * A box with what the overlap tests need worked out once: its corners, its two edge directions,
 * and its bounds (the smallest upright rectangle holding it). Placing labels tests thousands of
 * pairs at hydration, on the main thread, and nearly all of them are far apart: comparing bounds
 * rejects those with four comparisons. Boxes whose bounds do not meet cannot overlap, so the
 * answer is always the exact test's.
 */
interface Prepared {
  box: Box;
  corners: [number, number][];
  axes: readonly (readonly [number, number])[];
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function prepare(b: Box): Prepared {
  const r = (b.angle * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const corners = ([
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ] as const).map(([u, v]): [number, number] => {
    const dx = (u * b.w) / 2;
    const dy = (v * b.h) / 2;
    return [b.cx + dx * c - dy * s, b.cy + dx * s + dy * c];
  });
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return {
    box: b,
    corners,
    axes: [
      [c, s],
      [-s, c],
    ],
    minX: Math.min(...xs),
    maxX: Math.max(...xs),
    minY: Math.min(...ys),
    maxY: Math.max(...ys),
  };
}

/** Projections of `corners` on the axis (ax, ay): [min, max]. */
function project(corners: readonly [number, number][], ax: number, ay: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of corners) {
    const p = x * ax + y * ay;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return [lo, hi];
}

/** Separating axis test on prepared boxes (touching is not overlapping). */
function preparedOverlap(a: Prepared, b: Prepared): boolean {
  if (a.maxX <= b.minX || b.maxX <= a.minX || a.maxY <= b.minY || b.maxY <= a.minY) return false;
  for (const { axes } of [a, b]) {
    for (const [ax, ay] of axes) {
      const [minA, maxA] = project(a.corners, ax, ay);
      const [minB, maxB] = project(b.corners, ax, ay);
      if (maxA <= minB + 1e-6 || maxB <= minA + 1e-6) return false;
    }
  }
  return true;
}

/** Whether two turned boxes overlap (separating axis test; touching is not overlapping). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return preparedOverlap(prepare(a), prepare(b));
}

/** A segment with its bounds, for the same quick rejection as boxes. */
interface PreparedSegment extends Segment {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function prepareSegment(s: Segment): PreparedSegment {
  return { ...s, minX: Math.min(s.x1, s.x2), maxX: Math.max(s.x1, s.x2), minY: Math.min(s.y1, s.y2), maxY: Math.max(s.y1, s.y2) };
}

/** Liang–Barsky in the box's own frame, after a bounds check (a segment outside them misses the box). */
function preparedSegmentHits(s: PreparedSegment, p: Prepared): boolean {
  if (s.maxX < p.minX || p.maxX < s.minX || s.maxY < p.minY || p.maxY < s.minY) return false;
  const b = p.box;
  const r = (-b.angle * Math.PI) / 180;
  const c = Math.cos(r);
  const sn = Math.sin(r);
  const local = (x: number, y: number) => [(x - b.cx) * c - (y - b.cy) * sn, (x - b.cx) * sn + (y - b.cy) * c] as const;
  const [x1, y1] = local(s.x1, s.y1);
  const [x2, y2] = local(s.x2, s.y2);
  const dx = x2 - x1;
  const dy = y2 - y1;
  let lo = 0;
  let hi = 1;
  for (const [pp, q] of [
    [-dx, x1 + b.w / 2],
    [dx, b.w / 2 - x1],
    [-dy, y1 + b.h / 2],
    [dy, b.h / 2 - y1],
  ] as const) {
    if (pp === 0) {
      if (q < 0) return false;
    } else {
      const t = q / pp;
      if (pp < 0) lo = Math.max(lo, t);
      else hi = Math.min(hi, t);
      if (lo >= hi) return false;
    }
  }
  return true;
}

/** Whether a line segment passes through a turned box (Liang–Barsky in the box's own frame). */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  return preparedSegmentHits(prepareSegment(s), prepare(b));
}

/** Gap between a lane and its timer bars. */
export const SPAN_OFFSET = 8;
/** Gap between a lane and its state labels. */
export const MARK_OFFSET = 10;

/**
 * How much of an arrow is drawn at time `t`: nothing before it is sent, a growing line while it
 * travels, all of it once it has arrived or been lost. The animation is this function of t.
 */
export function arrowAt(a: PlacedArrow, t: number): { visible: boolean; x: number; y: number; done: boolean } {
  if (t < a.t0) return { visible: false, x: a.x1, y: a.y1, done: false };
  const span = a.t1 - a.t0;
  const f = span <= 0 || t >= a.t1 ? 1 : (t - a.t0) / span;
  return { visible: true, x: a.x1 + (a.x2 - a.x1) * f, y: a.y1 + (a.y2 - a.y1) * f, done: f >= 1 };
}
