// A bounded map that forgets the least recently used entry first. A Map iterates in insertion
// order, so re-inserting on every read keeps the oldest entry first.

export class LruMap<K, V> {
  readonly #max: number;
  readonly #map = new Map<K, V>();

  constructor(max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError('LruMap: max must be a positive integer');
    this.#max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  /** Returns the entries evicted to make room. */
  set(key: K, value: V): V[] {
    this.#map.delete(key);
    this.#map.set(key, value);
    const evicted: V[] = [];
    while (this.#map.size > this.#max) {
      const oldest = this.#map.keys().next();
      if (oldest.done === true) break;
      const v = this.#map.get(oldest.value);
      this.#map.delete(oldest.value);
      if (v !== undefined) evicted.push(v);
    }
    return evicted;
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  /** Deletes every entry whose value matches; returns how many. */
  deleteWhere(match: (value: V) => boolean): number {
    let n = 0;
    for (const [k, v] of [...this.#map]) {
      if (match(v)) {
        this.#map.delete(k);
        n++;
      }
    }
    return n;
  }
}
