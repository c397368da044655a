/**
 * Geometry of the connection-state chart: one horizontal bar per state present, in RFC 9293 order,
 * the state's name on the left and its count after the bar. Pure: d3-scale computes, the Svelte
 * component draws. Sizes are CSS pixels at the widget's font size (16 px).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { STATE_ORDER, stateFamilyOf, type SummaryState } from '../../core/sockets/view.ts';

/** Room for the longest label, "SYN-RECEIVED" (12 characters of about 8.5 px at 14 px). */
export const LABEL_WIDTH = 112;
/** Room after a bar for its count, up to "100,000" (7 characters). */
export const COUNT_WIDTH = 64;
/** Height of one bar's band, including the gap to the next. */
export const BAND_HEIGHT = 28;
/** Share of a band left empty between bars (d3 band padding). */
export const BAND_PADDING = 0.25;
/** A bar for a count above zero is never thinner than this, so it stays visible. */
export const MIN_BAR = 2;
/** Narrowest chart drawn; below it the SVG scales down with its viewBox. */
export const MIN_WIDTH = 240;
/** Width used before the container has been measured (server rendering). */
export const DEFAULT_WIDTH = 480;

export interface StateBar {
  state: SummaryState;
  /** The state as shown: its RFC name, "UDP" or "unknown". */
  label: string;
  count: number;
  family: ReturnType<typeof stateFamilyOf>;
  /** Top of the bar. */
  y: number;
  /** Vertical middle of the band, for the texts. */
  mid: number;
  height: number;
  /** Bars start at LABEL_WIDTH. */
  x: number;
  width: number;
  /** Where the count text starts. */
  countX: number;
}

export interface StateChartLayout {
  width: number;
  height: number;
  bars: StateBar[];
  total: number;
}

/** Lays out the bars for the summary's state counts at the given width. States with no rows are left out. */
export function layoutStateChart(states: readonly { state: SummaryState; count: number }[], width: number = DEFAULT_WIDTH): StateChartLayout {
  const w = Math.max(MIN_WIDTH, Number.isFinite(width) ? width : DEFAULT_WIDTH);
  const counts = new Map(states.filter((s) => s.count > 0).map((s) => [s.state, s.count]));
  const present = STATE_ORDER.filter((s) => counts.has(s));
  const height = present.length * BAND_HEIGHT;
  const y = scaleBand<SummaryState>().domain(present).range([0, height]).padding(BAND_PADDING);
  const max = Math.max(1, ...counts.values());
  const x = scaleLinear().domain([0, max]).range([0, w - LABEL_WIDTH - COUNT_WIDTH]);
  const bars = present.map((state): StateBar => {
    const count = counts.get(state)!;
    const top = y(state)!;
    const barWidth = Math.max(MIN_BAR, x(count));
    return {
      state,
      label: state,
      count,
      family: stateFamilyOf(state),
      y: top,
      mid: top + y.bandwidth() / 2,
      height: y.bandwidth(),
      x: LABEL_WIDTH,
      width: barWidth,
      countX: LABEL_WIDTH + barWidth + 6,
    };
  });
  return { width: w, height, bars, total: [...counts.values()].reduce((a, b) => a + b, 0) };
}

/** One sentence for the chart's accessible name: how many sockets, in how many states, which is most common. */
export function chartSummary(layout: StateChartLayout): string {
  if (layout.bars.length === 0) return 'No sockets to chart.';
  const top = layout.bars.reduce((a, b) => (b.count > a.count ? b : a));
  const n = layout.bars.length;
  return `Bar chart: ${layout.total.toLocaleString('en')} ${layout.total === 1 ? 'socket' : 'sockets'} in ${n} ${n === 1 ? 'state' : 'states'}; the most common is ${top.label} with ${top.count.toLocaleString('en')}.`;
}
