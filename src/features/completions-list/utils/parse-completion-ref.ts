/**
 * Reads what a user pastes into the "Completion ID" field: a bare id, a message id
 * (`<completion_id>-<index>`), or a URL of this viewer, of the API, or of OpenAI's dashboard
 * that holds one. Returns the ids, or why the input can't be used (nothing is sent then).
 */
export type CompletionRef =
  { ok: true; completionId: string; messageId?: string } | { ok: false; reason: string };

/** Ids as OpenAI and compatible servers make them: no spaces, slashes or other URL syntax. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}$/;
/** OpenAI's message ids are the completion id, a dash, and the message's index. */
const OPENAI_MESSAGE_ID = /^(chatcmpl-[A-Za-z0-9]+)-(\d+)$/;

function fromId(id: string): CompletionRef {
  if (!ID.test(id)) {
    return {
      ok: false,
      reason:
        'That is not a completion id: ids are letters, digits, “-”, “_”, “.” or “:”, without spaces (for example chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2).',
    };
  }
  const message = OPENAI_MESSAGE_ID.exec(id);
  if (message?.[1]) return { ok: true, completionId: message[1], messageId: id };
  return { ok: true, completionId: id };
}

function fromUrl(url: URL): CompletionRef {
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  // This viewer: /completions/:id[/messages/:messageId]. The API: /v1/chat/completions/:id[/messages].
  const at = segments.lastIndexOf('completions');
  const afterCompletions = at >= 0 ? segments[at + 1] : undefined;
  if (afterCompletions && afterCompletions !== 'messages') {
    const ref = fromId(afterCompletions);
    const messageId = segments[at + 2] === 'messages' ? segments[at + 3] : undefined;
    if (ref.ok && messageId && ID.test(messageId)) return { ...ref, messageId };
    return ref;
  }
  // The dashboard and anything else: the first path segment or query value that is an OpenAI id.
  const candidates = [...segments, ...url.searchParams.values()];
  const found = candidates.find((value) => /^chatcmpl-[A-Za-z0-9-]+$/.test(value));
  if (found) return fromId(found);
  return { ok: false, reason: 'No completion id found in that URL.' };
}

/** Quotes an id may come in, copied from JSON, code or a chat: opening and closing pairs. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’' };

/**
 * The text without what copying from JSON or code adds around a value: a trailing comma or
 * semicolon, then one pair of matching quotes (`"chatcmpl-…",` gives chatcmpl-…).
 */
function unwrap(input: string): string {
  const text = input.trim().replace(/\s*[,;]$/, '');
  const close = QUOTES[text[0] ?? ''];
  if (close && text.length >= 2 && text.endsWith(close)) return text.slice(1, -1).trim();
  return text;
}

export function parseCompletionRef(input: string): CompletionRef {
  const text = unwrap(input);
  if (text === '') return { ok: false, reason: 'Enter a completion id or paste a link to one.' };
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: 'That link is not a valid URL.' };
    }
    return fromUrl(url);
  }
  if (text.startsWith('/')) return fromUrl(new URL(text, 'http://viewer.invalid'));
  return fromId(text);
}
