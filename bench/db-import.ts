/**
 * `npx tsx bench/db-import.ts [--completions=20000] [--messages=400000]`: the SQLite store on
 * generated data (issue 14 §1). Writes a JSONL file into a temp folder (removed at the end),
 * imports it into a database file there, and prints: import rate, database size, peak RSS,
 * list page latency p50/p95 for the SQLite and the in-memory store on the same data, reset
 * time, and the demo's start times (cold: template built; copy: template present; warm: the
 * database already holds it), and search latency (GET /__viewer/search's module, db/search.ts)
 * for a common word, a rare id, a prefix, a phrase and a date-range list. `--sqlite-only` skips
 * the in-memory comparison and the demo starts. Not part of `npm test`.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { handleLocal } from '../server/api/local.ts';
import { CompletionStore, type Store } from '../server/api/store.ts';
import { Rng } from '../server/data/prng.ts';
import { loadJsonlFile } from '../server/data/jsonl.ts';
import { openDatabase, type Db } from '../server/db/database.ts';
import { importJsonl } from '../server/db/import-jsonl.ts';
import { openLocalStore } from '../server/db/open-store.ts';
import { search, type SearchFilters } from '../server/db/search.ts';
import { SqliteStore } from '../server/db/sqlite-store.ts';
import { DEMO_ORIGIN_PLACEHOLDER } from '../server/data-source.ts';

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};
const COMPLETIONS = arg('completions', 20_000);
const MESSAGES = arg('messages', 400_000);
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3', 'o4-mini'];
const CUSTOMERS = Array.from({ length: 50 }, (_, i) => `customer-${i}`);
const WORDS = (
  'the order refund policy shipping café naïve résumé invoice A-1042 call_abc123 東京 申し訳 ' +
  'delivery address customer support ticket escalate weather tool result answer question ' +
  'please thanks error timeout retry account password reset billing plan upgrade'
).split(' ');

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function writeDataset(path: string): Promise<number> {
  const rng = new Rng('db-import-bench');
  const out = createWriteStream(path);
  const text = (words: number) =>
    Array.from({ length: words }, () => WORDS[rng.int(0, WORDS.length - 1)]).join(' ');
  let written = 0;
  const base = 1_760_000_000;
  for (let c = 0; c < COMPLETIONS; c++) {
    // Message counts vary around the mean; the total comes out at MESSAGES.
    const count =
      Math.floor(((c + 1) * MESSAGES) / COMPLETIONS) - Math.floor((c * MESSAGES) / COMPLETIONS);
    const id = `chatcmpl-bench${String(c).padStart(8, '0')}${rng.hex(8)}`;
    const messages = Array.from({ length: count }, (_, i) =>
      i % 4 === 2
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: `call_${rng.hex(12)}`,
                type: 'function',
                function: { name: 'lookup_order', arguments: JSON.stringify({ q: text(4) }) },
              },
            ],
          }
        : { role: i % 2 ? 'assistant' : 'user', content: text(rng.int(8, 60)), refusal: null },
    );
    const line = JSON.stringify({
      id,
      object: 'chat.completion',
      created: base + c * 30 + rng.int(0, 3), // ties on created happen
      model: MODELS[c % MODELS.length],
      metadata: { customer: CUSTOMERS[c % CUSTOMERS.length], env: c % 3 ? 'prod' : 'staging' },
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          logprobs: null,
          message: { role: 'assistant', content: text(30), refusal: null },
        },
      ],
      usage: { prompt_tokens: 100, completion_tokens: 30, total_tokens: 130 },
      messages,
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    written += line.length + 1;
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/** List pages as a reader makes them: first pages, pages deep in the list, filters. */
function listLatency(store: Store, ids: string[]): { p50: number; p95: number } {
  const rng = new Rng('pages');
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const q = new URLSearchParams({ limit: String([20, 50, 100][i % 3]) });
    if (i % 2) q.set('order', 'desc');
    if (i % 4 >= 2) q.set('after', ids[rng.int(0, ids.length - 1)]!);
    if (i % 5 === 1) q.set('model', MODELS[i % MODELS.length]!);
    if (i % 5 === 2) q.set('metadata[customer]', CUSTOMERS[i % CUSTOMERS.length]!);
    if (i % 5 === 3) q.set('metadata[env]', 'staging');
    const started = performance.now();
    handleLocal(store, { method: 'GET', route: { kind: 'list' }, query: q });
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Search pages as a reader makes them: first pages of 20, ranked (or by date without q). */
function searchLatency(
  db: Db,
  queries: readonly string[],
  filters: (i: number) => SearchFilters = () => ({}),
): { p50: number; p95: number; total: number } {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    total = search(db, queries[i % queries.length]!, filters(i), { limit: 20 }).total;
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), total };
}

function searchReport(db: Db): void {
  const rng = new Rng('search');
  const callIds = db
    .prepare(
      `SELECT json_extract(json, '$.tool_calls[0].id') FROM messages
       WHERE json_extract(json, '$.tool_calls[0].id') IS NOT NULL LIMIT 200`,
    )
    .pluck()
    .all() as string[];
  const first = db.prepare('SELECT min(created) FROM completions').pluck().get() as number;
  const last = db.prepare('SELECT max(created) FROM completions').pluck().get() as number;
  const day = (i: number): SearchFilters => {
    const start = first + rng.int(0, Math.max(0, last - first - 86_400));
    return i % 2
      ? { createdAfter: start, createdBefore: start + 86_400 }
      : { createdAfter: start, createdBefore: start + 86_400, model: MODELS[i % MODELS.length] };
  };
  const rows: [string, ReturnType<typeof searchLatency>][] = [
    [
      'common word ("order", "refund", "customer")',
      searchLatency(db, ['order', 'refund', 'customer']),
    ],
    ['two common words ("refund policy")', searchLatency(db, ['refund policy'])],
    ['rare id (a tool call id, 1 message)', searchLatency(db, callIds)],
    ['accent-folded ("cafe")', searchLatency(db, ['cafe'])],
    ['prefix ("ship*")', searchLatency(db, ['ship*'])],
    ['CJK word ("東京")', searchLatency(db, ['東京'])],
    ['common word in a 1-day range', searchLatency(db, ['order'], day)],
    ['list, 1-day range (model on every other), no q', searchLatency(db, [''], day)],
  ];
  console.log('Search latency (db/search.ts in-process, first page of 20, 60 runs each):');
  for (const [label, r] of rows) {
    console.log(
      `  ${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${n(r.total)} completions)`,
    );
  }
}

function resetTime(store: Store, ids: string[]): number {
  for (let i = 0; i < 100; i++) {
    if (i % 2) store.delete(ids[i * 7]!);
    else store.updateMetadata(ids[i * 7]!, { touched: 'yes' });
  }
  const started = performance.now();
  store.reset();
  return performance.now() - started;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function demoStarts(dir: string): Promise<string[]> {
  const time = async (label: string, dbPath: string) => {
    const started = performance.now();
    const local = await openLocalStore({ dbPath, demoOrigin: DEMO_ORIGIN_PLACEHOLDER });
    const ms = performance.now() - started;
    local.close();
    return `  ${label}: ${n(ms)} ms`;
  };
  return [
    await time('cold (demo template built, then copied)', join(dir, 'demo', 'a.db')),
    await time('new database file, template present (copy)', join(dir, 'demo', 'b.db')),
    await time('warm (the database holds the demo)', join(dir, 'demo', 'b.db')),
  ];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'viewer-db-bench-'));
  try {
    const file = join(dir, 'data.jsonl');
    console.log(`Generating ${n(COMPLETIONS)} completions, ${n(MESSAGES)} messages…`);
    const bytes = await writeDataset(file);
    console.log(`  ${file}: ${mb(bytes)}`);

    const dbPath = join(dir, 'bench.db');
    const db = openDatabase(dbPath);
    const rssBefore = peakRss();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await importJsonl(db, file, {
      onProgress: (p) =>
        process.stderr.write(
          `\r  importing: ${n((100 * p.bytesRead) / p.totalBytes)}%, ${n(p.messages)} messages`,
        ),
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stderr.write('\n');
    const rssImport = peakRss();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(dbPath).size;
    console.log('SQLite import (streaming, batches of 20,000 messages):');
    console.log(
      `  ${n(result.completions)} completions, ${n(result.messages)} messages in ${seconds.toFixed(1)} s`,
    );
    console.log(`  rate: ${n(result.messages / seconds)} messages/s, ${mb(bytes / seconds)}/s`);
    console.log(
      `  CPU: ${cpuSeconds.toFixed(1)} s (${n(result.messages / cpuSeconds)} messages per CPU second); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log(`  database size: ${mb(size)} (JSONL ${mb(bytes)})`);
    console.log(`  peak RSS: ${mb(rssImport)} (before import ${mb(rssBefore)})`);

    const sqlite = new SqliteStore(db);
    const ids = db
      .prepare('SELECT id FROM completions ORDER BY random()')
      .pluck()
      .all() as string[];
    listLatency(sqlite, ids); // warm-up
    const sql = listLatency(sqlite, ids);
    const sqlReset = resetTime(sqlite, ids);
    searchLatency(db, ['order']); // warm-up
    searchReport(db);
    if (process.argv.includes('--sqlite-only')) {
      console.log(
        `List page latency (SQLite): p50 ${sql.p50.toFixed(2)} ms, p95 ${sql.p95.toFixed(2)} ms`,
      );
      db.close();
      return;
    }

    const loadStarted = performance.now();
    const memory = new CompletionStore(await loadJsonlFile(file));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const rssMemory = peakRss();
    listLatency(memory, ids);
    const mem = listLatency(memory, ids);
    const memReset = resetTime(memory, ids);

    console.log(
      'List page latency (handleLocal in-process, 400 pages: limits 20/50/100, asc/desc, cursors, model and metadata filters):',
    );
    console.log(`  SQLite:    p50 ${sql.p50.toFixed(2)} ms, p95 ${sql.p95.toFixed(2)} ms`);
    console.log(
      `  in-memory: p50 ${mem.p50.toFixed(2)} ms, p95 ${mem.p95.toFixed(2)} ms (load ${loadSeconds.toFixed(1)} s, peak RSS after ${mb(rssMemory)})`,
    );
    console.log('Reset after 100 mutations:');
    console.log(`  SQLite: ${sqlReset.toFixed(2)} ms; in-memory: ${memReset.toFixed(2)} ms`);
    db.close();

    console.log('Demo start (openLocalStore):');
    for (const line of await demoStarts(dir)) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
