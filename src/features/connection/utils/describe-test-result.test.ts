import { describe, expect, it } from 'vitest';
import { ApiError, CSP_BLOCKED } from '@/api/errors.ts';
import { describeTestFailure, describeTestSuccess, redactKey } from './describe-test-result.ts';

const KEY = 'test-key-unit-0123456789';

describe('connection test reports', () => {
  it('success: counts what is visible, or says there is nothing stored yet', () => {
    expect(describeTestSuccess({ count: 1, hasMore: true, newestId: 'chatcmpl-a' })).toMatchObject({
      ok: true,
      title: 'Connected: stored completions are visible',
      detail: expect.stringContaining('chatcmpl-a'),
    });
    expect(describeTestSuccess({ count: 1, hasMore: false, newestId: 'chatcmpl-a' }).title).toBe(
      'Connected: 1 completion is visible',
    );
    expect(describeTestSuccess({ count: 0, hasMore: false, newestId: null }).title).toBe(
      'Connected: no stored completions yet',
    );
  });

  it('401, 403, 404: the status, what to check, and what the server said', () => {
    const refused = describeTestFailure(
      new ApiError('http', 'Incorrect API key provided: tes****6789.', { status: 401 }),
      KEY,
    );
    expect(refused).toMatchObject({ ok: false, title: 'The API key was refused (401)' });
    expect(refused.serverSaid).toBe('Incorrect API key provided: tes****6789.');
    expect(describeTestFailure(new ApiError('http', 'no', { status: 403 }), KEY).title).toBe(
      'No access (403)',
    );
    const notFound = describeTestFailure(new ApiError('http', 'Invalid URL', { status: 404 }), KEY);
    expect(notFound.title).toContain('wrong base URL');
    expect(notFound.detail).toContain('/v1');
  });

  it('network failures are explained as network or CORS', () => {
    const report = describeTestFailure(new ApiError('network', 'x'), KEY);
    expect(report.title).toBe('Network error or CORS');
    expect(report.detail).toContain('blocked');
  });

  it('a request the page’s CSP blocked says so, how to allow it, and what is allowed', () => {
    const error = new ApiError(
      'network',
      'This page’s Content-Security-Policy does not allow connections to http://x.test. Add it to VIEWER_CONNECT_SRC.',
      { code: CSP_BLOCKED },
    );
    const report = describeTestFailure(error, KEY, ['https://api.openai.com']);
    expect(report.title).toBe('Blocked by this page’s Content-Security-Policy');
    expect(report.detail).toContain('VIEWER_CONNECT_SRC');
    expect(report.detail).toContain('This server allows: https://api.openai.com.');
    expect(describeTestFailure(error, KEY, []).detail).toContain('only its own origin');
    expect(describeTestFailure(error, KEY).detail).not.toContain('This server allows');
  });

  it('never shows the key, even when a server echoes it', () => {
    for (const error of [
      new ApiError('http', `Bad key ${KEY}`, { status: 401 }),
      new ApiError('http', `Boom ${KEY}`, { status: 500 }),
      new ApiError('malformed', `Odd ${KEY}`),
      new Error(`Thrown ${KEY}`),
    ]) {
      expect(JSON.stringify(describeTestFailure(error, KEY))).not.toContain(KEY);
    }
    expect(redactKey(`a ${KEY} b ${KEY}`, KEY)).toBe('a [your key] b [your key]');
    expect(redactKey('text', undefined)).toBe('text');
  });
});
