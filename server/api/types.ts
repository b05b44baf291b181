/**
 * Shapes the local API stores and serves. Completion objects are kept as plain JSON objects so a
 * `--data` file can carry any extra fields real OpenAI data has; only what the API relies on is
 * typed.
 */

export type Metadata = Record<string, string>;

/** A stored completion (`CreateChatCompletionResponse` in the spec). */
export interface CompletionObject {
  id: string;
  object: string;
  created: number;
  model: string;
  metadata?: Metadata | null;
  choices: unknown[];
  [field: string]: unknown;
}

export type MessageRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextPart | ImagePart;

export interface FunctionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface CustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

export type ToolCall = FunctionToolCall | CustomToolCall;

/**
 * An item of the messages endpoint (`ChatCompletionMessageList.data[]`). The spec reuses the
 * assistant-response schema, so `name`, `tool_call_id` and non-assistant roles are not in it;
 * real data has them (see test-data/README.md).
 */
export interface StoredMessage {
  id: string;
  role: MessageRole;
  content: string | null;
  refusal: string | null;
  name: string | null;
  content_parts: ContentPart[] | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

/**
 * Messages of one completion, addressable by index so huge conversations can be generated on
 * demand instead of held in memory. `at` returns `unknown` because a `--data` file (or the
 * broken-message fault) may hold items that are not valid messages: they are served as-is.
 */
export interface MessageSource {
  readonly count: number;
  at(index: number): unknown;
  /** Index of the message with this id, or -1. */
  indexOf(id: string): number;
}

export interface StoredCompletion {
  completion: CompletionObject;
  messages: MessageSource;
}

/** A cursor page as every OpenAI list endpoint answers it. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}
