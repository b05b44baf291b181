/**
 * A small least-recently-used cache with two bounds: a number of entries and a total weight
 * (e.g. characters of the source text), so a few huge entries can't pin unbounded memory.
 * Rows of the virtualized list remount as they scroll; this keeps their costly results.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map iteration follows insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, weight = 1): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.totalWeight -= previous.weight;
    }
    if (weight > this.maxWeight) return; // Never cached: it would evict everything else.
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalWeight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.totalWeight -= entry.weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }
}
