/**
 * DEMO_IDS.rich: the fields of an assistant message that need a view of their own.
 * - The answer carries url_citation annotations: spans after non-ASCII text (an astral emoji
 *   included, so code-point and UTF-16 offsets differ), two overlapping spans, a span already
 *   inside a markdown link (how search models usually cite), one inside inline code, one with a
 *   `javascript:` URL that must never become a link, and one whose indices lie past the text.
 * - Two assistant messages with `audio` (a short generated WAV tone): one long expired, one that
 *   expires far in the future. Expiry is relative to the demo base time, never the clock.
 * - An assistant message with a field the viewer has no special view for (`x_moderation`).
 *
 * Citation indices are Unicode code points, end exclusive: what OpenAI's API (Python) produces,
 * i.e. `text[start_index:end_index]` in Python is the cited text.
 */
import { answer, assistant, system, user, type DraftMessage } from './builders.ts';
import type { SpecialConversation } from './special.ts';

const DAY = 86_400;

/** A mono 16-bit PCM WAV of a sine tone with short fades (no clicks): a few KB. */
export function toneWav(frequency: number, seconds: number, sampleRate = 8_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  const fade = Math.round(sampleRate * 0.02);
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const value = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * envelope * 0.5;
    data.writeInt16LE(Math.round(value * 32_767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** [start, end) of the first occurrence of `part` in `text`, in code points. */
export function codePointSpan(text: string, part: string): [number, number] {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`"${part}" is not in the text`);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...part].length];
}

function citation(text: string, part: string, url: string, title: string) {
  const [start, end] = codePointSpan(text, part);
  return { type: 'url_citation', url_citation: { start_index: start, end_index: end, url, title } };
}

/** Adds fields the builders don't type (audio, annotations, unknown ones) to a message. */
function withFields(message: DraftMessage, fields: Record<string, unknown>): DraftMessage {
  return Object.assign({}, message, fields);
}

export const RICH_ANSWER = [
  '**Café au lait** — “coffee with milk” ☕ — comes from French; the word *café* itself travelled from Turkish *kahve* 🌍 through Italian *caffè*, as the etymology shows.',
  '',
  'Stored chat completions are listed with cursor pagination, newest first by default ([platform.openai.com](https://platform.openai.com/docs/api-reference/chat/list?utm_source=openai)). Each one keeps its input messages, which `GET /v1/chat/completions/{id}/messages` returns in pages.',
  '',
  'One search result was not trustworthy, so treat this claim with care.',
].join('\n');

/** Text of the spans of RICH_ANSWER that are cited, in annotation order (tests use these). */
export const RICH_CITED = {
  etymology: 'as the etymology shows',
  listed: 'listed with cursor pagination',
  pagination: 'cursor pagination, newest first',
  markdownLink:
    '([platform.openai.com](https://platform.openai.com/docs/api-reference/chat/list?utm_source=openai))',
  code: '/v1/chat/completions/{id}/messages',
  unsafe: 'treat this claim with care',
} as const;

export const RICH_UNSAFE_URL = 'javascript:alert(document.domain)';

export const RICH_TRANSCRIPTS = {
  expired: 'Café au lait means coffee with milk. The word café came from Turkish through Italian.',
  future: 'Once more, slowly: café au lait, coffee with milk.',
} as const;

export function richConversation(created: number, baseTime: number): SpecialConversation {
  const wavA = toneWav(440, 0.4).toString('base64');
  const wavB = toneWav(660, 0.3).toString('base64');
  const length = [...RICH_ANSWER].length;
  const annotations = [
    citation(
      RICH_ANSWER,
      RICH_CITED.etymology,
      'https://en.wikipedia.org/wiki/Caf%C3%A9',
      'Café – Wikipedia',
    ),
    citation(
      RICH_ANSWER,
      RICH_CITED.listed,
      'https://platform.openai.com/docs/api-reference/chat/list',
      'List Chat Completions | OpenAI API Reference',
    ),
    citation(
      RICH_ANSWER,
      RICH_CITED.pagination,
      'https://platform.openai.com/docs/api-reference/pagination',
      'Pagination | OpenAI API Reference',
    ),
    citation(
      RICH_ANSWER,
      RICH_CITED.markdownLink,
      'https://platform.openai.com/docs/api-reference/chat/list?utm_source=openai',
      'List Chat Completions',
    ),
    citation(
      RICH_ANSWER,
      RICH_CITED.code,
      'https://platform.openai.com/docs/api-reference/chat/getMessages',
      'Get chat messages',
    ),
    citation(RICH_ANSWER, RICH_CITED.unsafe, RICH_UNSAFE_URL, 'Totally legit source'),
    {
      type: 'url_citation',
      url_citation: {
        start_index: length + 10,
        end_index: length + 40,
        url: 'https://example.com/moved',
        title: 'A source whose position is out of range',
      },
    },
  ];
  return {
    model: 'gpt-4o-audio-preview',
    drafts: [
      system('You are a research assistant. Cite your sources; answer aloud when asked.'),
      user(
        'Where does “café au lait” come from, and how are stored chat completions listed?',
        'zoë',
      ),
      withFields(assistant('Let me look that up before answering.'), {
        x_moderation: {
          flagged: false,
          categories: { harassment: false, 'self-harm': false, violence: false },
          category_scores: { harassment: 0.00012, 'self-harm': 0.00003, violence: 0.00021 },
          checked_by: 'omni-moderation-latest',
        },
      }),
      user('Now say the first part aloud.'),
      withFields(assistant(null), {
        audio: {
          id: 'audio_6f1c0d9e2b8a4c7f9e3d5a1b',
          expires_at: created + 3_600,
          data: wavA,
          transcript: RICH_TRANSCRIPTS.expired,
        },
      }),
      user('Once more, slower, and keep it around.'),
      withFields(assistant(null), {
        audio: {
          id: 'audio_0a9b8c7d6e5f4a3b2c1d0e9f',
          // Far ahead of the demo base time, so it stays in the future for years.
          expires_at: baseTime + 20 * 365 * DAY,
          data: wavB,
          transcript: RICH_TRANSCRIPTS.future,
        },
      }),
      user('Thanks! Now write it down, with sources.'),
    ],
    choices: [answer(RICH_ANSWER, 'stop', { annotations })],
  };
}
