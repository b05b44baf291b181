import type { ChatMessage } from '@/api/types.ts';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
/** Characters that end a number or a literal (true, false, null). */
const TOKEN_END = new Set([',', ':', '{', '}', '[', ']', '"', ...WHITESPACE]);

/**
 * Valid JSON text laid out as `JSON.stringify(value, null, 2)` would, but token by token: every
 * string, number and literal stays exactly as written (`1.0`, `1e2`, an integer past 2^53,
 * `\u00e9`, a key given twice), where parsing and printing again would change them. Only the
 * whitespace between tokens changes. The text must be valid JSON (check with JSON.parse first).
 */
export function indentJson(text: string, indent = '  '): string {
  const out: string[] = [];
  let depth = 0;
  const newline = () => `\n${indent.repeat(depth)}`;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) {
      i += 1;
    } else if (c === '"') {
      let end = i + 1;
      while (end < length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let next = i + 1;
      while (next < length && WHITESPACE.has(text[next]!)) next += 1;
      if (text[next] === close) {
        out.push(c + close); // empty: `{}` and `[]`, as JSON.stringify writes them
        i = next + 1;
      } else {
        depth += 1;
        out.push(c + newline());
        i += 1;
      }
    } else if (c === '}' || c === ']') {
      depth -= 1;
      out.push(newline() + c);
      i += 1;
    } else if (c === ',') {
      out.push(`,${newline()}`);
      i += 1;
    } else if (c === ':') {
      out.push(': ');
      i += 1;
    } else {
      let end = i + 1;
      while (end < length && !TOKEN_END.has(text[end]!)) end += 1;
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out.join('');
}

/** Tool results longer than this stay as they are (parsing megabytes would hold up the page). */
export const JSON_RESULT_LIMIT = 250_000;

const results = new WeakMap<ChatMessage, string | null>();

/**
 * A tool (or legacy function) result whose content is a JSON object or array, indented for
 * reading (see indentJson); null for any other message or content. Cached per message: rows
 * ask for it when they estimate their height and when they render.
 */
export function toolResultJson(message: ChatMessage): string | null {
  let json = results.get(message);
  if (json === undefined) {
    json = readToolResultJson(message);
    results.set(message, json);
  }
  return json;
}

function readToolResultJson(message: ChatMessage): string | null {
  if (message.role !== 'tool' && message.role !== 'function') return null;
  const content = message.content;
  if (content == null || message.contentParts || content.length > JSON_RESULT_LIMIT) return null;
  const first = content.trimStart()[0];
  if (first !== '{' && first !== '[') return null;
  try {
    JSON.parse(content);
  } catch {
    return null;
  }
  return indentJson(content);
}
