/**
 * Writing completions into the database (imports): one completion with its messages, its
 * metadata pairs and its full-text documents. Writing an id that is already stored replaces it
 * (upsert), so importing the same data twice leaves no duplicates.
 */
import type { CompletionObject, MessageSource } from '../api/types.ts';
import type { Db } from './database.ts';
import { answerOf, searchText } from './search-text.ts';

export interface CompletionWriter {
  /** Stores (or replaces) a completion and its messages; call inside a transaction. */
  put(completion: CompletionObject, messages: Pick<MessageSource, 'count' | 'at'>): void;
  /** Removes a completion and everything stored with it; false if it was not there. */
  remove(id: string): boolean;
}

function messageId(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return null;
}

/** An array as the `messages` argument of `put`. */
export const arrayMessages = (items: readonly unknown[]) => ({
  count: items.length,
  at: (i: number) => items[i],
});

export function createWriter(db: Db): CompletionWriter {
  const insertCompletion = db.prepare(
    'INSERT INTO completions (id, created, model, message_count, json) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMetadata = db.prepare(
    'INSERT INTO completion_metadata (completion_seq, key, value) VALUES (?, ?, ?)',
  );
  const insertMessage = db.prepare(
    'INSERT INTO messages (completion_seq, idx, id, json) VALUES (?, ?, ?, ?)',
  );
  const insertText = db.prepare('INSERT INTO search_fts (rowid, text) VALUES (?, ?)');
  const seqOf = db.prepare('SELECT seq FROM completions WHERE id = ?').pluck();
  const deletes = [
    'DELETE FROM search_fts WHERE rowid IN (SELECT seq FROM messages WHERE completion_seq = @seq)',
    'DELETE FROM search_fts WHERE rowid = -@seq',
    'DELETE FROM messages WHERE completion_seq = @seq',
    'DELETE FROM completion_metadata WHERE completion_seq = @seq',
    'DELETE FROM completions WHERE seq = @seq',
  ].map((sql) => db.prepare(sql));

  const remove = (id: string): boolean => {
    const seq = seqOf.get(id) as number | undefined;
    if (seq === undefined) return false;
    for (const statement of deletes) statement.run({ seq });
    return true;
  };

  return {
    remove,
    put(completion, messages) {
      remove(completion.id);
      const count = messages.count;
      const seq = Number(
        insertCompletion.run(
          completion.id,
          completion.created,
          completion.model,
          count,
          JSON.stringify(completion),
        ).lastInsertRowid,
      );
      const metadata = completion.metadata;
      if (metadata && typeof metadata === 'object') {
        for (const [key, value] of Object.entries(metadata)) {
          if (typeof value === 'string') insertMetadata.run(seq, key, value);
        }
      }
      const answer = searchText(answerOf(completion));
      if (answer !== '') insertText.run(-seq, answer);
      for (let i = 0; i < count; i++) {
        const item = messages.at(i);
        const row = insertMessage.run(seq, i, messageId(item), JSON.stringify(item) ?? 'null');
        const text = searchText(item);
        if (text !== '') insertText.run(row.lastInsertRowid, text);
      }
    },
  };
}
