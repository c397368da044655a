/**
 * The discrete-event queue that owns virtual time: a binary min-heap ordered by time, with ties
 * broken by insertion order, so events scheduled for the same instant run in the order they were
 * scheduled and every run of a scenario is identical.
 */

interface Entry<T> {
  t: number;
  order: number;
  item: T;
}

function before<T>(x: Entry<T>, y: Entry<T>): boolean {
  return x.t < y.t || (x.t === y.t && x.order < y.order);
}

/** A time-ordered queue of items; equal times come out first-in, first-out. */
export class EventQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `item` at virtual time `t` (ms). */
  push(t: number, item: T): void {
    const heap = this.heap;
    heap.push({ t, order: this.inserted++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<T>;
      const c = heap[i] as Entry<T>;
      if (!before(c, p)) break;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  /** Time of the earliest item, or Infinity when empty. */
  peekTime(): number {
    return this.heap.length > 0 ? (this.heap[0] as Entry<T>).t : Infinity;
  }

  /** Removes and returns the earliest item with its time. */
  pop(): { t: number; item: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Entry<T>, heap[m] as Entry<T>)) m = l;
        if (r < heap.length && before(heap[r] as Entry<T>, heap[m] as Entry<T>)) m = r;
        if (m === i) break;
        const tmp = heap[m] as Entry<T>;
        heap[m] = heap[i] as Entry<T>;
        heap[i] = tmp;
        i = m;
      }
    }
    return { t: top.t, item: top.item };
  }
}
