import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from './base-url.ts';

describe('checkBaseUrl', () => {
  it('accepts http(s) URLs and drops trailing slashes', () => {
    expect(checkBaseUrl(' https://api.openai.com/v1/ ')).toEqual({
      ok: true,
      baseURL: 'https://api.openai.com/v1',
      warning: null,
    });
    expect(checkBaseUrl('http://127.0.0.1:4319/v1')).toMatchObject({
      ok: true,
      baseURL: 'http://127.0.0.1:4319/v1',
    });
  });

  it('warns about a path without /v1 and about http from an https page', () => {
    expect(checkBaseUrl('https://example.test/api')).toMatchObject({
      ok: true,
      warning: expect.stringContaining('/v1'),
    });
    expect(checkBaseUrl('http://example.test/v1', 'https:')).toMatchObject({
      ok: true,
      warning: expect.stringContaining('block'),
    });
  });

  it('refuses what is not an http(s) base URL', () => {
    for (const input of [
      '',
      'api.openai.com/v1',
      'ftp://example.test/v1',
      'javascript:alert(1)',
      'https://user:secret@example.test/v1',
      'https://example.test/v1?key=abc',
      'https://example.test/v1#x',
    ]) {
      expect(checkBaseUrl(input), input).toMatchObject({ ok: false });
    }
  });
});
