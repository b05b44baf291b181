import type {
  Choice,
  CompletionRequest,
  ContentPart,
  CursorPage,
  DeclaredTool,
  Json,
  JsonObject,
  MessageItem,
  RequestSetting,
  ResponseFormat,
  StoredCompletion,
  ToolCall,
  UnreadableItem,
  Usage,
} from './types.ts';

import { exactInteger } from './exact-json.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** An own field only: a key such as "__proto__" or "toString" must not find Object's members. */
function own(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Sets an own property, even one named "__proto__": a plain assignment would set the object's
 * prototype instead, and the field would vanish from what is shown (JSON.parse keeps it).
 */
function setField<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The cursor envelope shared by every list: the page is unusable without it. */
function parseEnvelope(body: unknown): Parsed<{ data: Json[]; envelope: CursorPage<never> }> {
  if (!isObject(body)) return { ok: false, reason: 'the answer is not a JSON object' };
  if (!Array.isArray(body.data)) return { ok: false, reason: '`data` is not an array' };
  if (typeof body.has_more !== 'boolean') {
    return { ok: false, reason: '`has_more` is not a boolean' };
  }
  return {
    ok: true,
    value: {
      data: body.data,
      envelope: {
        object: 'list',
        data: [],
        first_id: str(body.first_id),
        last_id: str(body.last_id),
        has_more: body.has_more,
      },
    },
  };
}

const knownPartTypes = new Set(['text', 'image_url']);

function parsePart(value: Json): ContentPart {
  if (isObject(value)) {
    if (value.type === 'text' && typeof value.text === 'string') {
      return { type: 'text', text: value.text };
    }
    if (
      value.type === 'image_url' &&
      isObject(value.image_url) &&
      typeof value.image_url.url === 'string'
    ) {
      const detail = str(value.image_url.detail);
      return {
        type: 'image_url',
        image_url:
          detail == null ? { url: value.image_url.url } : { url: value.image_url.url, detail },
      };
    }
  }
  const type = isObject(value) && typeof value.type === 'string' ? value.type : 'unknown';
  return { type: knownPartTypes.has(type) ? `${type} (malformed)` : type, raw: value };
}

/** A tool call's name, and its text field (arguments, input) as a string: JSON when it is not one. */
function namedText(value: Record<string, unknown>, field: string): { name: string; text: string } {
  const text = value[field];
  return {
    name: str(value.name) ?? '(no name)',
    text: typeof text === 'string' ? text : JSON.stringify(text ?? null),
  };
}

function parseToolCall(value: Json, position: number): ToolCall {
  const raw: JsonObject = isObject(value) ? value : { value };
  const call: ToolCall = {
    id: str(raw.id) ?? `#${position + 1}`,
    type: str(raw.type) ?? 'function',
    raw,
  };
  if (isObject(raw.function)) {
    const { name, text } = namedText(raw.function, 'arguments');
    call.function = { name, arguments: text };
  }
  if (isObject(raw.custom)) {
    const { name, text } = namedText(raw.custom, 'input');
    call.custom = { name, input: text };
  }
  return call;
}

const renderedMessageFields = new Set([
  'id',
  'role',
  'content',
  'content_parts',
  'name',
  'refusal',
  'tool_calls',
  'tool_call_id',
]);

/** Reads one message leniently; refuses only what has no role at all. */
export function parseMessage(value: Json, position: number): MessageItem {
  if (!isObject(value)) {
    return {
      ok: false,
      raw: value,
      position,
      reason: `expected a message object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    };
  }
  if (typeof value.role !== 'string' || value.role === '') {
    return { ok: false, raw: value, position, reason: 'the message has no `role`' };
  }

  let content: string | null = null;
  let contentParts: ContentPart[] | null = null;
  if (typeof value.content === 'string') content = value.content;
  else if (Array.isArray(value.content)) contentParts = value.content.map(parsePart);
  else if (value.content != null) contentParts = [parsePart(value.content)];
  if (Array.isArray(value.content_parts)) contentParts = value.content_parts.map(parsePart);

  const toolCalls: ToolCall[] = [];
  if (Array.isArray(value.tool_calls)) toolCalls.push(...value.tool_calls.map(parseToolCall));
  // Legacy `function_call` on assistant messages: shown like a tool call. It has no id; its
  // result is the next `role: "function"` message of the same name.
  if (isObject(value.function_call)) {
    const call = parseToolCall(
      { id: 'function_call', type: 'function', function: value.function_call },
      0,
    );
    call.raw = value.function_call;
    call.legacy = true;
    toolCalls.push(call);
  }

  const extra: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (renderedMessageFields.has(key)) continue;
    if (key === 'function_call' && isObject(field)) continue;
    if (field === null) continue;
    setField(extra, key, field);
  }
  if (value.tool_calls != null && !Array.isArray(value.tool_calls))
    extra.tool_calls = value.tool_calls;

  return {
    ok: true,
    message: {
      id: str(value.id),
      role: value.role,
      content,
      contentParts,
      name: str(value.name),
      refusal: str(value.refusal),
      toolCalls,
      toolCallId: str(value.tool_call_id),
      extra,
      raw: value,
    },
  };
}

export function parseMessagesPage(body: unknown): Parsed<CursorPage<MessageItem>> {
  const envelope = parseEnvelope(body);
  if (!envelope.ok) return envelope;
  return {
    ok: true,
    value: { ...envelope.value.envelope, data: envelope.value.data.map(parseMessage) },
  };
}

function parseUsage(value: Json | undefined): Usage | null {
  if (!isObject(value)) return null;
  return value as Usage;
}

function parseMetadata(value: Json | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (!isObject(value)) return metadata;
  for (const [key, field] of Object.entries(value)) {
    setField(metadata, key, typeof field === 'string' ? field : JSON.stringify(field));
  }
  return metadata;
}

function parseChoice(value: Json, position: number): Choice {
  const raw = isObject(value) ? value : {};
  return {
    index: typeof raw.index === 'number' ? raw.index : position,
    finishReason: str(raw.finish_reason),
    message:
      raw.message === undefined
        ? { ok: false, raw: value, position, reason: 'the choice has no `message`' }
        : parseMessage(raw.message, position),
  };
}

/**
 * Request settings shown in the Request section, in this order, whatever their type (a wrong
 * type is shown as the JSON it is). `service_tier` is also in the header's own fields.
 */
export const REQUEST_SETTING_KEYS = [
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'n',
  'max_completion_tokens',
  'max_tokens',
  'stop',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'parallel_tool_calls',
  'reasoning_effort',
  'verbosity',
  'service_tier',
  'modalities',
  'store',
  'input_user',
  'user',
  'safety_identifier',
  'prompt_cache_key',
] as const;
const settingKeys = new Set<string>(REQUEST_SETTING_KEYS);

/** Fields the header shows elsewhere, when they have the type it reads them as. */
const headerFields: Record<string, (value: Json) => boolean> = {
  id: () => true,
  // A constant: only worth showing when it is something else.
  object: (value) => value === 'chat.completion',
  created: (value) => typeof value === 'number' && Number.isFinite(value),
  model: (value) => typeof value === 'string',
  usage: isObject,
  system_fingerprint: (value) => typeof value === 'string',
  metadata: isObject,
  choices: Array.isArray,
  // Read by parseRequest below (an unexpected type goes to `extra` from there).
  tools: Array.isArray,
  tool_choice: () => true,
  response_format: isObject,
  prediction: () => true,
  request_id: (value) => typeof value === 'string',
};

function parseDeclaredTool(value: Json): DeclaredTool {
  const tool: DeclaredTool = {
    type: null,
    name: null,
    description: null,
    strict: null,
    schema: undefined,
    schemaField: null,
    raw: value,
  };
  if (!isObject(value)) return tool;
  tool.type = str(value.type);
  // `{type: "function", function: {...}}`, `{type: "custom", custom: {...}}`, or flat.
  const nested = tool.type == null ? undefined : own(value, tool.type);
  const body = isObject(nested) ? nested : value;
  tool.name = str(own(body, 'name'));
  tool.description = str(own(body, 'description'));
  tool.strict = bool(own(body, 'strict'));
  for (const field of ['parameters', 'format'] as const) {
    const schema = own(body, field);
    if (schema != null) {
      tool.schema = schema;
      tool.schemaField = field;
      break;
    }
  }
  return tool;
}

function parseResponseFormat(value: JsonObject): ResponseFormat {
  const type = str(value.type);
  const nested = type == null ? undefined : own(value, type);
  const body = isObject(nested) ? nested : value;
  const schema = own(body, 'schema');
  return {
    type,
    name: str(own(body, 'name')),
    description: str(own(body, 'description')),
    strict: bool(own(body, 'strict')),
    schema: schema === null ? undefined : schema,
    raw: value,
  };
}

function parseRequest(body: JsonObject): CompletionRequest {
  const settings: RequestSetting[] = [];
  for (const key of REQUEST_SETTING_KEYS) {
    const value = own(body, key);
    if (value == null) continue;
    const exact = exactInteger(body, key);
    settings.push(exact === undefined ? { key, value } : { key, value, exact });
  }
  const responseFormat = own(body, 'response_format');
  const toolChoice = own(body, 'tool_choice');
  const prediction = own(body, 'prediction');
  const tools = own(body, 'tools');
  return {
    settings,
    toolChoice: toolChoice === null ? undefined : toolChoice,
    tools: Array.isArray(tools) ? tools.map(parseDeclaredTool) : [],
    responseFormat: isObject(responseFormat) ? parseResponseFormat(responseFormat) : null,
    prediction: prediction === null ? undefined : prediction,
    requestId: str(own(body, 'request_id')),
  };
}

/** Fields of the completion no view shows (see StoredCompletion.extra). */
function completionExtra(body: JsonObject): JsonObject {
  const extra: JsonObject = {};
  for (const [key, field] of Object.entries(body)) {
    if (field === null || settingKeys.has(key)) continue;
    const shown = Object.hasOwn(headerFields, key) ? headerFields[key]! : null;
    if (shown?.(field)) continue;
    setField(extra, key, field);
  }
  return extra;
}

/** A stored completion needs an id to be shown at all; everything else may be missing. */
export function parseCompletion(body: unknown): Parsed<StoredCompletion> {
  if (!isObject(body)) return { ok: false, reason: 'the answer is not a JSON object' };
  if (typeof body.id !== 'string' || body.id === '') {
    return { ok: false, reason: 'the completion has no `id`' };
  }
  return {
    ok: true,
    value: {
      id: body.id,
      model: str(body.model) ?? '(unknown model)',
      created: Number.isFinite(body.created) ? (body.created as number) : null,
      serviceTier: str(body.service_tier),
      systemFingerprint: str(body.system_fingerprint),
      usage: parseUsage(body.usage),
      metadata: parseMetadata(body.metadata),
      choices: Array.isArray(body.choices) ? body.choices.map(parseChoice) : [],
      request: parseRequest(body),
      extra: completionExtra(body),
      raw: body,
    },
  };
}

export function parseCompletionsPage(body: unknown): Parsed<CursorPage<StoredCompletion>> {
  const envelope = parseEnvelope(body);
  if (!envelope.ok) return envelope;
  const data: StoredCompletion[] = [];
  // A completion without an id can't be listed as a row; it is kept aside to show in place.
  const unreadable: UnreadableItem[] = [];
  envelope.value.data.forEach((item, position) => {
    const completion = parseCompletion(item);
    if (completion.ok) data.push(completion.value);
    else unreadable.push({ position, reason: completion.reason, raw: item });
  });
  const page: CursorPage<StoredCompletion> = { ...envelope.value.envelope, data };
  if (unreadable.length > 0) page.unreadable = unreadable;
  return { ok: true, value: page };
}
