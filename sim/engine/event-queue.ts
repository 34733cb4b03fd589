/**
 * A binary min-heap of timed events ordered by (timeUs, phase, tie, seq): at equal times decisions
 * (phase 0) come before arrivals (phase 1); `tie` (a seeded random key for arrivals, 0 otherwise)
 * decides between transactions that reach the mempool at the same microsecond, so no agent wins such
 * ties by the order in which it happened to be scheduled; `seq` makes the order total and deterministic.
 */
export interface TimedEvent {
  timeUs: number;
  phase: number;
  tie: number;
  seq: number;
}

export class EventQueue<E extends TimedEvent> {
  private readonly heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  push(event: E): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: TimedEvent, b: TimedEvent): boolean {
  if (a.timeUs !== b.timeUs) return a.timeUs < b.timeUs;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.tie !== b.tie) return a.tie < b.tie;
  return a.seq < b.seq;
}
