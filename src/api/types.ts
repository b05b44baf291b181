// Lenient types for what the stored-completions endpoints answer. OpenAI's spec types stored
// messages as assistant responses only; real data holds every role and fields the spec misses,
// so everything beyond the essentials is optional and unknown fields are kept (see `raw`).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CursorPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
  /** Elements of the page as received that `data` could not hold, so they can be shown in place. */
  unreadable?: UnreadableItem[];
}

/** An element of a list page that could not be read: where it was, why, and what it was. */
export interface UnreadableItem {
  /** Its index in the page's `data` as received. */
  position: number;
  reason: string;
  raw: Json;
}

export interface ImageUrlPart {
  type: 'image_url';
  image_url: { url: string; detail?: string };
}
export interface TextPart {
  type: 'text';
  text: string;
}
/** A part of a shape we don't know: kept and shown as JSON. */
export interface OtherPart {
  type: string;
  raw: Json;
}
export type ContentPart = TextPart | ImageUrlPart | OtherPart;

export interface ToolCall {
  id: string;
  type: string;
  /** Function calls: name and arguments (a JSON string as the API sends it). */
  function?: { name: string; arguments: string };
  /** Custom tool calls: name and free-form input. */
  custom?: { name: string; input: string };
  /**
   * The legacy `function_call` of an assistant message (no id: its result is the next
   * `role: "function"` message with the same `name`).
   */
  legacy?: true;
  raw: JsonObject;
}

export interface ChatMessage {
  id: string | null;
  role: string;
  content: string | null;
  /** Non-string content (an array of parts sent as `content`, as the request shape allows). */
  contentParts: ContentPart[] | null;
  name: string | null;
  refusal: string | null;
  toolCalls: ToolCall[];
  toolCallId: string | null;
  /** Fields we don't render specially, kept so nothing is dropped. */
  extra: JsonObject;
  /** The message exactly as received. */
  raw: JsonObject;
}

/** One element of a messages page: a message, or why it could not be read. */
export type MessageItem =
  { ok: true; message: ChatMessage } | { ok: false; raw: Json; reason: string; position: number };

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number } | null;
}

export interface Choice {
  index: number;
  finishReason: string | null;
  message: MessageItem;
}

/** A request setting (temperature, seed, max_tokens…) as received, whatever its type. */
export interface RequestSetting {
  key: string;
  value: Json;
  /** For an integer past 2^53 (a seed): its digits as received; `value` holds it rounded. */
  exact?: string;
}

/**
 * A tool the request declared (`tools[]`): a function with its `parameters` schema, a custom
 * tool with its `format`, or a shape we don't know (kept in `raw`, all else null).
 */
export interface DeclaredTool {
  type: string | null;
  name: string | null;
  description: string | null;
  strict: boolean | null;
  /** The function's `parameters` or the custom tool's `format`; undefined when it has none. */
  schema: Json | undefined;
  /** Which of the two `schema` is. */
  schemaField: 'parameters' | 'format' | null;
  raw: Json;
}

/** `response_format`: its type, and for `json_schema` the schema with its name. */
export interface ResponseFormat {
  type: string | null;
  name: string | null;
  description: string | null;
  strict: boolean | null;
  schema: Json | undefined;
  raw: JsonObject;
}

/** What the completion says of the request that made it, beyond the messages. */
export interface CompletionRequest {
  /** Sampling settings and limits present (not null), in a fixed order. */
  settings: RequestSetting[];
  /** `tool_choice` as received; undefined when absent or null. */
  toolChoice: Json | undefined;
  /** `tools`: empty when absent or null. */
  tools: DeclaredTool[];
  responseFormat: ResponseFormat | null;
  /** `prediction` (predicted output) as received; undefined when absent or null. */
  prediction: Json | undefined;
  requestId: string | null;
}

export interface StoredCompletion {
  id: string;
  model: string;
  created: number | null;
  serviceTier: string | null;
  systemFingerprint: string | null;
  usage: Usage | null;
  metadata: Record<string, string>;
  choices: Choice[];
  request: CompletionRequest;
  /**
   * Fields no view shows: unknown ones, and known ones of an unexpected type (a `tools` that is
   * not an array). Kept so nothing is dropped; null ones are left out.
   */
  extra: JsonObject;
  /** The completion exactly as received. */
  raw: JsonObject;
}
