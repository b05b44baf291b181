/**
 * `--data FILE.jsonl`: replaces the demo dataset with your own stored completions.
 *
 * Format (also what the viewer's "export JSON" writes): UTF-8, one stored completion per line,
 * i.e. the completion object exactly as `GET /v1/chat/completions/{id}` returns it plus a
 * `messages` array holding its input messages as the messages endpoint returns them:
 *
 *   {"id":"chatcmpl-…","object":"chat.completion","created":1761955200,"model":"gpt-4o",
 *    "choices":[…],"metadata":{…},"messages":[{"role":"user","content":"Hi","name":null,
 *    "content_parts":null}]}
 *
 * - `id` (string), `created` (integer, Unix seconds) and `model` (string) are required;
 *   `object` defaults to "chat.completion", `choices` to [] and `metadata` to {}.
 * - Message ids are optional: a missing one becomes `<completion id>-<index>` (0-based).
 *   Items are otherwise served as they are, so broken items can be reproduced too.
 * - Blank lines are ignored. Any malformed line fails the whole load with an error naming the
 *   file and the 1-based line number.
 */
import { readFile } from 'node:fs/promises';
import { arrayMessageSource } from '../api/message-source.ts';
import type { CompletionObject, StoredCompletion } from '../api/types.ts';

export class DataFileError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'DataFileError';
  }
}

function withMessageIds(completionId: string, messages: unknown[]): unknown[] {
  return messages.map((m, i) => {
    if (
      m &&
      typeof m === 'object' &&
      !Array.isArray(m) &&
      typeof (m as { id?: unknown }).id !== 'string'
    ) {
      return { id: `${completionId}-${i}`, ...(m as Record<string, unknown>) };
    }
    return m;
  });
}

/** One parsed line: the completion as served, and its input messages (ids filled in). */
export interface JsonlRecord {
  completion: CompletionObject;
  messages: unknown[];
}

/**
 * Parses one line (1-based `lineNo`; the first line may start with a BOM) of a data file:
 * null for a blank line, a DataFileError naming `file:lineNo` for a malformed one. Duplicate
 * ids across lines are the caller's to detect (see `duplicateIdError`).
 */
export function parseJsonlLine(raw: string, lineNo: number, file: string): JsonlRecord | null {
  const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new DataFileError(
      file,
      lineNo,
      `invalid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataFileError(
      file,
      lineNo,
      'expected a JSON object (one stored completion per line)',
    );
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.id !== 'string' || obj.id === '')
    throw new DataFileError(file, lineNo, 'missing or invalid "id" (a non-empty string)');
  if (typeof obj.created !== 'number' || !Number.isInteger(obj.created)) {
    throw new DataFileError(
      file,
      lineNo,
      'missing or invalid "created" (an integer Unix timestamp)',
    );
  }
  if (typeof obj.model !== 'string')
    throw new DataFileError(file, lineNo, 'missing or invalid "model" (a string)');
  if (!Array.isArray(obj.messages))
    throw new DataFileError(file, lineNo, '"messages" must be an array');

  const { messages, ...rest } = obj;
  const completion: CompletionObject = {
    ...rest,
    id: obj.id,
    object: typeof obj.object === 'string' ? obj.object : 'chat.completion',
    created: obj.created,
    model: obj.model,
    choices: Array.isArray(obj.choices) ? obj.choices : [],
    metadata:
      obj.metadata && typeof obj.metadata === 'object'
        ? (obj.metadata as Record<string, string>)
        : {},
  };
  return { completion, messages: withMessageIds(obj.id, messages as unknown[]) };
}

export function duplicateIdError(
  file: string,
  lineNo: number,
  id: string,
  firstLine: number,
): DataFileError {
  return new DataFileError(file, lineNo, `duplicate id "${id}" (first on line ${firstLine})`);
}

/** Parses JSONL text; `file` is only used in error messages. */
export function parseJsonl(text: string, file: string): StoredCompletion[] {
  const out: StoredCompletion[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const record = parseJsonlLine(raw, lineNo, file);
    if (!record) return;
    const id = record.completion.id;
    const previous = seen.get(id);
    if (previous !== undefined) throw duplicateIdError(file, lineNo, id, previous);
    seen.set(id, lineNo);
    out.push({ completion: record.completion, messages: arrayMessageSource(record.messages) });
  });
  return out;
}

/** The error for an unreadable data file (missing, a folder, no permission). */
export function unreadableFileError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(`${path}: cannot read the data file (${code ?? String(error)})`);
}

export async function loadJsonlFile(path: string): Promise<StoredCompletion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  return parseJsonl(text, path);
}
