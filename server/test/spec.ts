/**
 * Validators for the API's answers, compiled from the vendored OpenAPI subset
 * (test-data/stored-completions.yaml) with Ajv's JSON Schema 2020-12 dialect (OpenAPI 3.1).
 * The spec's known gaps (test-data/README.md) are patched here, each with a comment; nothing
 * else is loosened.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';

const SPEC_PATH = fileURLToPath(
  new URL('../../test-data/stored-completions.yaml', import.meta.url),
);

type Schema = Record<string, unknown>;

interface Spec {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

export function loadSpec(): Spec {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
}

const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };

/** The spec's gaps, patched on a copy of its schemas. */
function patchGaps(schemas: Record<string, Schema>): void {
  // Gap: `first_id` / `last_id` are typed string, but an empty page has null for both.
  for (const name of ['ChatCompletionList', 'ChatCompletionMessageList']) {
    const props = schemas[name]!.properties as Record<string, Schema>;
    for (const key of ['first_id', 'last_id']) {
      const annotations = { ...props[key] };
      delete annotations.type;
      props[key] = { ...annotations, ...nullableString };
    }
  }
  // Gap: stored messages reuse the assistant-response schema, so `role` only allows
  // "assistant"; real stored messages have every role. A copy with the full role list is used
  // for the messages endpoint only (choices[].message keeps the strict assistant schema).
  const base = structuredClone(schemas.ChatCompletionResponseMessage!);
  (base.properties as Record<string, Schema>).role = {
    type: 'string',
    enum: ['system', 'developer', 'user', 'assistant', 'tool', 'function'],
  };
  schemas.StoredChatCompletionMessage = base;
  const items = (
    (schemas.ChatCompletionMessageList!.properties as Record<string, Schema>).data as Schema
  ).items as { allOf: Schema[] };
  items.allOf[0] = { $ref: '#/$defs/StoredChatCompletionMessage' };
  // Gap: `name` (user/system/developer) and `tool_call_id` (tool) are missing from the schema;
  // declare them with their real types (this tightens, not loosens, validation).
  const extra = items.allOf[1]!.properties as Record<string, Schema>;
  extra.name = nullableString;
  extra.tool_call_id = { type: 'string' };
}

export interface Validators {
  list: ValidateFunction;
  completion: ValidateFunction;
  update: ValidateFunction;
  deleted: ValidateFunction;
  messages: ValidateFunction;
  error: ValidateFunction;
}

let cached: Validators | undefined;

export function validators(): Validators {
  if (cached) return cached;
  const spec = loadSpec();
  const schemas = structuredClone(spec.components.schemas);
  patchGaps(schemas);
  // Refs are written "#/components/schemas/X"; host the schemas under $defs of one document.
  const rewrite = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as T;
  // strictTypes only lints schema authoring (the spec omits `type: object` next to
  // `discriminator`); it does not change what validates. Everything else stays strict.
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    allErrors: true,
    discriminator: true,
  });
  // OpenAPI annotations that are not JSON Schema keywords.
  ajv.addVocabulary(['x-oaiMeta', 'x-stainless-const', 'x-oaiTypeLabel', 'example']);
  ajv.addFormat('unixtime', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= 0,
  });
  // RFC 3986 absolute URI (data: URLs included) without whitespace.
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/.test(s));
  ajv.addSchema({ $id: 'spec', $defs: rewrite(schemas) });

  const op = (path: string, method: string): ValidateFunction => {
    const schema = spec.paths[path]![method]!.responses['200']!.content['application/json']!.schema;
    return ajv.compile({ $ref: `spec${String(rewrite(schema).$ref)}` });
  };
  cached = {
    list: op('/chat/completions', 'get'),
    completion: op('/chat/completions/{completion_id}', 'get'),
    update: op('/chat/completions/{completion_id}', 'post'),
    deleted: op('/chat/completions/{completion_id}', 'delete'),
    messages: op('/chat/completions/{completion_id}/messages', 'get'),
    error: ajv.compile({ $ref: 'spec#/$defs/ErrorResponse' }),
  };
  return cached;
}

/** Asserts `value` matches, with Ajv's errors in the failure message. */
export function expectValid(validate: ValidateFunction, value: unknown): void {
  if (!validate(value)) {
    throw new Error(
      `Schema validation failed: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`,
    );
  }
}
