/**
 * Metadata: the list filter (`metadata[key]=value`, repeated, all must match) and validation of
 * the update body with OpenAI's limits (16 pairs, keys ≤ 64 chars, string values ≤ 512 chars).
 */
import { ApiError, invalidParam } from './errors.ts';
import type { Metadata } from './types.ts';

export const METADATA_LIMITS = { maxPairs: 16, maxKeyLength: 64, maxValueLength: 512 } as const;

/**
 * Pairs from `metadata[<key>]=<value>` parameters. URLSearchParams has already percent-decoded
 * names and values, so a key may itself contain "[", "]", "&", "=" or spaces: the key is
 * everything between the leading "metadata[" and the final "]".
 */
export function parseMetadataFilter(query: URLSearchParams): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of query) {
    if (name.startsWith('metadata[') && name.endsWith(']') && name.length >= 'metadata[]'.length) {
      pairs.push([name.slice('metadata['.length, -1), value]);
    }
  }
  return pairs;
}

export function matchesMetadata(
  metadata: Metadata | null | undefined,
  filter: [string, string][],
): boolean {
  for (const [key, value] of filter) {
    if (
      !metadata ||
      !Object.prototype.hasOwnProperty.call(metadata, key) ||
      metadata[key] !== value
    ) {
      return false;
    }
  }
  return true;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Validates the body of `POST /v1/chat/completions/{id}` and returns the new metadata. OpenAI
 * replaces the whole metadata object (no merge); `null` clears it.
 */
export function parseMetadataUpdate(body: unknown): Metadata {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      `Invalid type for request body: expected an object, but got ${jsonType(body)} instead.`,
      {
        param: 'metadata',
        code: 'invalid_type',
      },
    );
  }
  for (const key of Object.keys(body)) {
    if (key !== 'metadata') {
      throw new ApiError(400, `Unrecognized request argument supplied: ${key}`, {
        param: key,
        code: 'unknown_parameter',
      });
    }
  }
  if (!('metadata' in body)) {
    throw new ApiError(400, "Missing required parameter: 'metadata'.", {
      param: 'metadata',
      code: 'missing_required_parameter',
    });
  }
  const metadata = (body as { metadata: unknown }).metadata;
  if (metadata === null) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw invalidParam(
      'metadata',
      `Invalid type for 'metadata': expected an object, but got ${jsonType(metadata)} instead.`,
      'invalid_type',
    );
  }
  const entries = Object.entries(metadata as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.maxPairs) {
    throw invalidParam(
      'metadata',
      `Invalid 'metadata': too many properties. Expected an object with at most ${METADATA_LIMITS.maxPairs} properties, but got an object with ${entries.length} properties instead.`,
      'object_above_max_properties',
    );
  }
  const valid: [string, string][] = [];
  for (const [key, value] of entries) {
    if (key.length > METADATA_LIMITS.maxKeyLength) {
      throw invalidParam(
        'metadata',
        `Invalid 'metadata': key too long. Expected a key with maximum length ${METADATA_LIMITS.maxKeyLength}, but got a key with length ${key.length} instead.`,
        'string_above_max_length',
      );
    }
    if (typeof value !== 'string') {
      throw invalidParam(
        `metadata.${key}`,
        `Invalid type for 'metadata.${key}': expected a string, but got ${jsonType(value)} instead.`,
        'invalid_type',
      );
    }
    if (value.length > METADATA_LIMITS.maxValueLength) {
      throw invalidParam(
        `metadata.${key}`,
        `Invalid 'metadata.${key}': string too long. Expected a string with maximum length ${METADATA_LIMITS.maxValueLength}, but got a string with length ${value.length} instead.`,
        'string_above_max_length',
      );
    }
    valid.push([key, value]);
  }
  // fromEntries defines own properties, so a key like "__proto__" stays plain data.
  return Object.fromEntries(valid);
}
