/**
 * The vendored spec's response schemas (test-data/stored-completions.yaml), prepared for
 * json-schema-faker: refs rewritten to `$defs`, OpenAPI-only keys removed (the faker would
 * otherwise read `x-oaiTypeLabel` as a property), and the spec's known gaps patched the way the
 * contract tests patch them (server/test/spec.ts; /work/shared/openapi/README.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from 'json-schema-faker';
import { parse } from 'yaml';

const SPEC_PATH = fileURLToPath(
  new URL('../../test-data/stored-completions.yaml', import.meta.url),
);

type SchemaObject = Record<string, unknown>;

/** Keys of OpenAPI that are not JSON Schema keywords or that only document. */
const DROPPED_KEYS = new Set(['example', 'examples', 'discriminator', 'deprecated', 'description']);

/** Maps whose keys are names (of properties, of definitions), not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs']);

function clean(value: unknown, isNameMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => clean(item));
  if (typeof value !== 'object' || value === null) return value;
  const out: SchemaObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (isNameMap) {
      out[key] = clean(field);
      continue;
    }
    if (key.startsWith('x-') || DROPPED_KEYS.has(key)) continue;
    // The faker knows no `unixtime`: a non-negative integer is what Ajv's format accepts.
    if (key === 'format' && field === 'unixtime') {
      out.minimum = 0;
      continue;
    }
    out[key] = clean(field, NAME_MAPS.has(key));
  }
  return out;
}

export interface FuzzSchemas {
  /** One stored completion (`GET /chat/completions/{id}`, and each item of the list). */
  completion: JsonSchema;
  /** One item of a messages page (`GET /chat/completions/{id}/messages`). */
  message: JsonSchema;
}

let cached: FuzzSchemas | undefined;

export function fuzzSchemas(): FuzzSchemas {
  if (cached) return cached;
  // Read here rather than through server/test/spec.ts, which pulls in Ajv (and Playwright's
  // loader cannot resolve Ajv's extensionless subpath imports).
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  const rewritten = JSON.parse(
    JSON.stringify(spec.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, unknown>;
  const defs = clean(rewritten, true) as Record<string, SchemaObject>;
  // Gap: stored messages reuse the assistant-response schema (`role: assistant` only); real
  // stored messages have every role, and `name` / `tool_call_id`.
  const stored = structuredClone(defs.ChatCompletionResponseMessage!);
  (stored.properties as SchemaObject).role = {
    type: 'string',
    enum: ['system', 'developer', 'user', 'assistant', 'tool', 'function'],
  };
  defs.StoredChatCompletionMessage = stored;
  const list = defs.ChatCompletionMessageList!.properties as SchemaObject;
  const item = structuredClone((list.data as SchemaObject).items) as { allOf: SchemaObject[] };
  item.allOf[0] = { $ref: '#/$defs/StoredChatCompletionMessage' };
  const extra = item.allOf[1]!.properties as SchemaObject;
  extra.name = { anyOf: [{ type: 'string' }, { type: 'null' }] };
  extra.tool_call_id = { type: 'string' };
  cached = {
    completion: { $defs: defs, $ref: '#/$defs/CreateChatCompletionResponse' } as JsonSchema,
    message: { $defs: defs, ...item } as JsonSchema,
  };
  return cached;
}
