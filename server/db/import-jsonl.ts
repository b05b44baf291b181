/**
 * `--data FILE.jsonl` into the database, streamed line by line (any file size; memory stays
 * bounded by one batch), committed in batches, with a progress callback. Lines are checked
 * exactly as the in-memory loader does (data/jsonl.ts: same `file:line` errors, duplicate ids
 * within the file included); a completion id already in the database is replaced, so importing
 * the same file twice leaves no duplicates.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  DataFileError,
  duplicateIdError,
  parseJsonlLine,
  unreadableFileError,
  type JsonlRecord,
} from '../data/jsonl.ts';
import type { Db } from './database.ts';
import { arrayMessages, createWriter } from './write.ts';

export interface ImportProgress {
  file: string;
  completions: number;
  messages: number;
  bytesRead: number;
  totalBytes: number;
  done: boolean;
}

export interface ImportOptions {
  /** Called at most every `progressIntervalMs`, and once at the end (`done`). */
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
  /** A batch (one transaction) ends after this many messages (or 1,000 completions). */
  batchMessages?: number;
}

export interface ImportResult {
  completions: number;
  messages: number;
}

export async function importJsonl(
  db: Db,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  let totalBytes: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    totalBytes = info.size;
  } catch (error) {
    throw unreadableFileError(file, error);
  }
  const batchMessages = options.batchMessages ?? 20_000;
  const interval = options.progressIntervalMs ?? 1_000;
  const writer = createWriter(db);
  // Ids seen in this file, for the duplicate check, on disk rather than in a Map.
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS import_ids (id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID; DELETE FROM import_ids;',
  );
  const remember = db.prepare(
    'INSERT INTO import_ids (id, line) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const firstLine = db.prepare('SELECT line FROM import_ids WHERE id = ?');

  const totals = { completions: 0, messages: 0 };
  let batch: { record: JsonlRecord; lineNo: number }[] = [];
  let batchSize = 0;
  const flush = db.transaction(() => {
    for (const { record, lineNo } of batch) {
      const id = record.completion.id;
      if (remember.run(id, lineNo).changes === 0) {
        const first = firstLine.get(id) as { line: number };
        throw duplicateIdError(file, lineNo, id, first.line);
      }
      writer.put(record.completion, arrayMessages(record.messages));
      totals.completions++;
      totals.messages += record.messages.length;
    }
  });

  const stream = createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const progress = (done: boolean) =>
    options.onProgress?.({
      file,
      ...totals,
      bytesRead: done ? totalBytes : stream.bytesRead,
      totalBytes,
      done,
    });
  let lastReport = performance.now();
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      const record = parseJsonlLine(line, lineNo, file);
      if (!record) continue;
      batch.push({ record, lineNo });
      batchSize += record.messages.length + 1;
      if (batch.length >= 1_000 || batchSize >= batchMessages) {
        flush();
        batch = [];
        batchSize = 0;
        if (performance.now() - lastReport >= interval) {
          lastReport = performance.now();
          progress(false);
        }
      }
    }
    flush();
  } catch (error) {
    // A read error after the file opened (e.g. EIO) is reported like an unreadable file.
    if (error instanceof DataFileError || !(error as NodeJS.ErrnoException).syscall) throw error;
    throw unreadableFileError(file, error);
  } finally {
    lines.close();
    stream.destroy();
    db.exec('DELETE FROM import_ids');
  }
  progress(true);
  return totals;
}
