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
}

/** Defaults tuned for 14 px labels: "SYN-RECEIVED" fits the gutter. */
export const LADDER_DEFAULTS: LadderOptions = { width: 640, rowHeight: 44, header: 56, axis: 64, gutter: 104 };

/** Narrowest drawing: below it the ladder scrolls inside its own box instead of squeezing labels. */
export const LADDER_MIN_WIDTH = 480;

export interface PlacedArrow extends LadderArrow {
  x1: number;
  y1: number;
  /** Where the arrow ends at `t1` (short of the far lane when lost). */
  x2: number;
  y2: number;
  /** Angle of the line in degrees, for the label. */
  angle: number;
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

  const arrows = data.arrows.map((a) => {
    const x1 = xOf(a.from);
    const x2 = x1 + (xOf(a.to) - x1) * a.reach;
    const y1 = y(a.t0);
    const y2 = y(a.t1);
    return { ...a, x1, y1, x2, y2, angle: (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI };
  });
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
  const height = o.header + (rows.length - 1) * o.rowHeight + o.rowHeight;
  return { width, height, lanes, rows: rows.map((r, i) => ({ ...r, y: ys[i]! })), arrows, spans, marks, y };
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
