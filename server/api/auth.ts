/**
 * The "key required" mode of the local API (`requireKey`): every /v1 request must carry
 * `Authorization: Bearer <key>`, otherwise 401 with the body OpenAI answers. Lets the browser's
 * direct mode be tested against a local OpenAI look-alike. The key is compared in constant time
 * and never echoed: a wrong key is shown masked, like OpenAI does.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.ts';

export const MISSING_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

/**
 * OpenAI's masking: the first 3 and last 4 characters, `*` for everything between (the length is
 * kept); keys of 8 characters or fewer are all stars.
 */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export const missingKey = () => new ApiError(401, MISSING_KEY_MESSAGE, { code: null });

export const incorrectKey = (provided: string) =>
  new ApiError(
    401,
    `Incorrect API key provided: ${maskKey(provided)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );

/** A usable key: visible ASCII, no spaces (it has to survive an HTTP header). */
export function isValidKey(key: string): boolean {
  return /^[\x21-\x7e]+$/.test(key);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Returns a checker for `Authorization` header values: null when the key matches, else the 401
 * to answer. Both sides are hashed first, so `timingSafeEqual` always compares equal-length
 * buffers and neither the content nor the length of the key leaks through timing.
 */
export function createKeyCheck(
  key: string,
): (authorization: string | undefined) => ApiError | null {
  if (!isValidKey(key)) throw new Error('requireKey must be visible ASCII characters, no spaces');
  const expected = digest(key);
  return (authorization) => {
    // The scheme is case-insensitive (RFC 9110). Other schemes count as no key (OpenAI also
    // takes Basic auth with the key as password; the viewer never sends that).
    const value = (authorization ?? '').trim();
    const provided = /^bearer\s/i.test(value) ? value.slice('bearer'.length).trim() : '';
    if (!provided) return missingKey();
    return timingSafeEqual(digest(provided), expected) ? null : incorrectKey(provided);
  };
}
