/**
 * The local API's store (`Store`: lookup by id, ordered listing with filters and cursor pages,
 * metadata replacement, deletion, and `reset()` back to the data it was loaded with), and its
 * in-memory implementation. The SQLite one is server/db/sqlite-store.ts.
 */
import { completionNotFound, invalidParam } from './errors.ts';
import { matchesMetadata } from './metadata.ts';
import { pageByIndex, toPage, type PageParams } from './pagination.ts';
import type { CompletionObject, ListPage, Metadata, StoredCompletion } from './types.ts';

export interface ListFilter {
  model?: string | null;
  metadata?: [string, string][];
}

/** What `handleLocal` needs; both stores answer the same contract tests. */
export interface Store {
  /** Completions currently stored (deletions count). */
  readonly size: number;
  /** Total input messages of the completions currently stored. */
  readonly messageCount: number;
  get(id: string): StoredCompletion | undefined;
  /** Like `get`, or OpenAI's 404. */
  require(id: string): StoredCompletion;
  delete(id: string): boolean;
  updateMetadata(id: string, metadata: Metadata): CompletionObject;
  /** Ordered by `created`, then id; `after` must name a stored completion (400 otherwise). */
  list(filter: ListFilter, params: PageParams): ListPage<CompletionObject>;
  /** Undoes every metadata update and deletion (test-only endpoint /__viewer/reset). */
  reset(): void;
}

/** Listing order: `created`, then id, so equal timestamps still page stably. */
function compare(a: CompletionObject, b: CompletionObject): number {
  if (a.created !== b.created) return a.created - b.created;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class CompletionStore implements Store {
  private readonly byId = new Map<string, StoredCompletion>();
  private sorted: StoredCompletion[] = [];
  /**
   * The data as created, in listing order. Only `completion` of an item is ever replaced
   * (metadata updates build a new object) and message sources are read-only, so `reset()` is
   * a shallow copy of this list: O(completions), nothing regenerated.
   */
  private readonly initial: readonly StoredCompletion[];

  constructor(items: Iterable<StoredCompletion>) {
    const seen = new Set<string>();
    const all: StoredCompletion[] = [];
    for (const item of items) {
      if (seen.has(item.completion.id))
        throw new Error(`Duplicate completion id ${item.completion.id}`);
      seen.add(item.completion.id);
      all.push({ completion: item.completion, messages: item.messages });
    }
    this.initial = all.sort((a, b) => compare(a.completion, b.completion));
    this.reset();
  }

  /** Undoes every metadata update and deletion. */
  reset(): void {
    this.sorted = this.initial.map((item) => ({ ...item }));
    this.byId.clear();
    for (const item of this.sorted) this.byId.set(item.completion.id, item);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Total input messages (a cheap sum: message sources know their count). */
  get messageCount(): number {
    let n = 0;
    for (const item of this.byId.values()) n += item.messages.count;
    return n;
  }

  get(id: string): StoredCompletion | undefined {
    return this.byId.get(id);
  }

  require(id: string): StoredCompletion {
    const item = this.byId.get(id);
    if (!item) throw completionNotFound(id);
    return item;
  }

  delete(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.sorted = this.sorted.filter((item) => item.completion.id !== id);
    return true;
  }

  updateMetadata(id: string, metadata: Metadata): CompletionObject {
    const item = this.require(id);
    item.completion = { ...item.completion, metadata };
    return item.completion;
  }

  list(filter: ListFilter, params: PageParams): ListPage<CompletionObject> {
    const md = filter.metadata ?? [];
    const matching = this.sorted
      .map((item) => item.completion)
      .filter(
        (c) => (filter.model ? c.model === filter.model : true) && matchesMetadata(c.metadata, md),
      );
    let afterIndex: number | null = null;
    if (params.after !== null) {
      // The cursor is positioned by its sort key, so it works even when the cursor item itself
      // does not match the filters; it must however exist.
      const anchor = this.byId.get(params.after);
      if (!anchor) {
        throw invalidParam(
          'after',
          `Invalid 'after': no chat completion found with id '${params.after}'.`,
        );
      }
      // Index of the last matching item that sorts at or before the anchor (-1 if none).
      let lo = 0;
      let hi = matching.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(matching[mid]!, anchor.completion) <= 0) lo = mid + 1;
        else hi = mid;
      }
      const lastAtOrBefore = lo - 1;
      if (params.order === 'asc') afterIndex = lastAtOrBefore;
      else {
        // In desc order the page continues with items sorting strictly before the anchor.
        const isAnchorIn =
          lastAtOrBefore >= 0 && matching[lastAtOrBefore]!.id === anchor.completion.id;
        afterIndex = isAnchorIn ? lastAtOrBefore : lastAtOrBefore + 1;
      }
    }
    if (matching.length === 0) return toPage([], false);
    return pageByIndex(matching.length, (i) => matching[i]!, afterIndex, params);
  }
}
