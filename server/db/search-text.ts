/**
 * What the full-text index holds for a message or an answer: everything a reader can see as
 * text (content and text parts, refusal, tool call ids, names and arguments, tool results,
 * audio transcript), prepared for FTS5's unicode61 tokenizer. That tokenizer treats a run of CJK
 * characters with no spaces as one word, so each CJK character is spaced apart here, and the
 * same is done to queries (search-query.ts): a two-character Japanese word is then a two-token
 * phrase, found anywhere inside a sentence.
 */

/** The scripts written without spaces between words, as a regex character class's body. */
export const CJK_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}';
const CJK = new RegExp(`([${CJK_CLASS}])`, 'gu');

/** Spaces CJK characters apart (index and query side alike). */
export function spaceCjk(text: string): string {
  return text.replace(CJK, ' $1 ').replace(/ {2,}/g, ' ');
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? [v] : []);

function partTexts(parts: unknown): string[] {
  if (!Array.isArray(parts)) return [];
  return parts.flatMap((p) => (isObject(p) ? [...str(p.text), ...str(p.refusal)] : str(p)));
}

/** The visible texts of a message (input message or `choices[i].message`), in reading order. */
export function messageTexts(message: unknown): string[] {
  if (typeof message === 'string') return str(message);
  if (!isObject(message)) return [];
  const out: string[] = [];
  // `content` is a string (a tool result too) or an array of parts; `content_parts` is how the
  // messages endpoint returns the parts.
  out.push(...str(message.content), ...partTexts(message.content));
  out.push(...partTexts(message.content_parts));
  out.push(...str(message.refusal));
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  // Tool calls (function or custom; their ids are shown and searched for), the legacy
  // function_call, and the call a tool result answers.
  out.push(...str(message.tool_call_id));
  for (const call of [...calls, message.function_call]) {
    if (!isObject(call)) continue;
    out.push(...str(call.id));
    const fn = isObject(call.function) ? call.function : isObject(call.custom) ? call.custom : call;
    out.push(...str(fn.name), ...str(fn.arguments), ...str(fn.input));
  }
  if (isObject(message.audio)) out.push(...str(message.audio.transcript));
  return out;
}

/** The text indexed for a message or an answer ('' when there is nothing to find). */
export function searchText(message: unknown): string {
  return spaceCjk(messageTexts(message).join('\n'));
}

/** The answer a completion shows (choices[0].message), or undefined. */
export function answerOf(completion: { choices?: unknown }): unknown {
  const first = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  return isObject(first) ? first.message : undefined;
}
