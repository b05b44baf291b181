/**
 * Helpers that build spec-shaped stored messages and completion objects for the demo data.
 */
import type { Rng } from './prng.ts';
import type {
  CompletionObject,
  ContentPart,
  ImagePart,
  Metadata,
  StoredMessage,
  TextPart,
  ToolCall,
} from '../api/types.ts';

/** A message before it gets its `<completion_id>-<index>` id. */
export type DraftMessage = Omit<StoredMessage, 'id'>;

function base(role: StoredMessage['role'], content: string | null): DraftMessage {
  return { role, content, refusal: null, name: null, content_parts: null };
}

export const system = (text: string): DraftMessage => base('system', text);
export const developer = (text: string): DraftMessage => base('developer', text);

export function user(text: string, name?: string): DraftMessage {
  return { ...base('user', text), name: name ?? null };
}

export function text(t: string): TextPart {
  return { type: 'text', text: t };
}

export function image(url: string, detail: ImagePart['image_url']['detail']): ImagePart {
  return { type: 'image_url', image_url: { url, detail } };
}

/**
 * A user message sent as content parts. What the messages endpoint returns as `content` for
 * such a message is not documented; the API returns the text parts in `content` next to the
 * full `content_parts`, so we join the text parts with "\n" and use null when there are none
 * (an image-only message).
 */
export function userParts(parts: ContentPart[], name?: string): DraftMessage {
  const texts = parts.filter((p): p is TextPart => p.type === 'text').map((p) => p.text);
  return {
    ...base('user', texts.length > 0 ? texts.join('\n') : null),
    name: name ?? null,
    content_parts: parts,
  };
}

export function assistant(content: string | null, toolCalls?: ToolCall[]): DraftMessage {
  const m = base('assistant', content);
  if (toolCalls && toolCalls.length > 0) m.tool_calls = toolCalls;
  return m;
}

export function tool(toolCallId: string, content: string): DraftMessage {
  return { ...base('tool', content), tool_call_id: toolCallId };
}

export function functionCall(id: string, name: string, args: string): ToolCall {
  return { id, type: 'function', function: { name, arguments: args } };
}

export function withIds(completionId: string, drafts: readonly DraftMessage[]): StoredMessage[] {
  // Key order mirrors the spec example: id, role, content, ... .
  return drafts.map((d, i) => ({ id: `${completionId}-${i}`, ...d }));
}

export function toolCallId(rng: Rng): string {
  return `call_${rng.base62(24)}`;
}

export function approxTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

/** Rough prompt size: text length plus a flat cost per image (85 low, 765 otherwise). */
export function promptTokens(drafts: readonly DraftMessage[]): number {
  let tokens = 3;
  for (const d of drafts) {
    tokens += 4 + approxTokens(d.content?.length ?? 0);
    for (const p of d.content_parts ?? []) {
      if (p.type === 'image_url') tokens += p.image_url.detail === 'low' ? 85 : 765;
    }
    for (const c of d.tool_calls ?? []) {
      tokens += approxTokens(
        c.type === 'function' ? c.function.arguments.length : c.custom.input.length,
      );
    }
  }
  return tokens;
}

export interface AnswerMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  annotations: unknown[];
  tool_calls?: ToolCall[];
}

export interface Choice {
  index: number;
  message: AnswerMessage;
  finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
  logprobs: unknown;
}

export function answer(
  content: string | null,
  finish: Choice['finish_reason'] = 'stop',
  extra: Partial<AnswerMessage> = {},
): Omit<Choice, 'index'> {
  return {
    message: { role: 'assistant', content, refusal: null, annotations: [], ...extra },
    finish_reason: finish,
    logprobs: null,
  };
}

export const REASONING_MODELS = new Set(['o4-mini', 'o3', 'gpt-5', 'gpt-5-mini']);

export interface CompletionInput {
  id: string;
  created: number;
  model: string;
  rng: Rng;
  drafts: readonly DraftMessage[];
  /** Estimated prompt tokens; computed from `drafts` when omitted. */
  promptTokens?: number;
  choices: Omit<Choice, 'index'>[];
  metadata?: Metadata;
  tools?: unknown[] | null;
  toolChoice?: unknown;
  serviceTier?: 'default' | 'flex' | 'priority' | 'auto' | 'scale';
  /**
   * Request fields to set or add (response_format, prediction, a fixed seed…): they replace the
   * generated ones in place, or come last. The generator draws the same numbers either way.
   */
  request?: Record<string, unknown>;
}

const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;

/** A stored completion object shaped like the spec's examples (list/retrieve answers). */
export function completion(input: CompletionInput): CompletionObject {
  const { rng } = input;
  const reasoning = REASONING_MODELS.has(input.model);
  const prompt = input.promptTokens ?? promptTokens(input.drafts);
  let outputChars = 0;
  for (const c of input.choices) {
    outputChars += (c.message.content ?? c.message.refusal ?? '').length;
    for (const t of c.message.tool_calls ?? []) {
      outputChars += t.type === 'function' ? t.function.arguments.length : t.custom.input.length;
    }
  }
  const reasoningTokens = reasoning ? 64 * rng.int(1, 40) : 0;
  const completionTokens = approxTokens(outputChars) + reasoningTokens;
  const cached = prompt > 1024 && rng.chance(0.4) ? Math.floor((prompt * 0.6) / 128) * 128 : 0;
  return {
    id: input.id,
    object: 'chat.completion',
    created: input.created,
    model: input.model,
    request_id: `req_${rng.hex(32)}`,
    tool_choice: input.toolChoice ?? null,
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
      prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoningTokens,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    seed: rng.chance(0.3) ? rng.int(1, 2 ** 31) : null,
    top_p: 1.0,
    temperature: reasoning ? 1.0 : rng.pick([0, 0.2, 0.7, 1.0]),
    presence_penalty: 0.0,
    frequency_penalty: 0.0,
    system_fingerprint: `fp_${rng.hex(10)}`,
    input_user: null,
    service_tier: input.serviceTier ?? 'default',
    tools: input.tools ?? null,
    metadata: input.metadata ?? {},
    choices: input.choices.map((c, index) => ({ index, ...c })),
    response_format: null,
    // Reasoning models are asked for an effort; which one follows from the id (no draw, so
    // the numbers drawn for everything else stay as they were).
    ...(reasoning
      ? { reasoning_effort: REASONING_EFFORTS[input.id.charCodeAt(input.id.length - 1) % 3] }
      : {}),
    ...input.request,
  };
}
