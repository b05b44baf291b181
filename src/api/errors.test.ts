import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CONNECTION_LOST,
  CSP_BLOCKED,
  REQUEST_TIMEOUT,
  isTransient,
  parseRetryAfter,
} from './errors.ts';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('1.2')).toBe(2);
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('isTransient', () => {
  it('retries network errors, 429 and 5xx only', () => {
    expect(isTransient(new ApiError('network', 'x'))).toBe(true);
    expect(isTransient(new ApiError('http', 'x', { status: 429 }))).toBe(true);
    expect(isTransient(new ApiError('http', 'x', { status: 503 }))).toBe(true);
    expect(isTransient(new ApiError('http', 'x', { status: 404 }))).toBe(false);
    expect(isTransient(new ApiError('http', 'x', { status: 401 }))).toBe(false);
    expect(isTransient(new ApiError('malformed', 'x', { status: 200 }))).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });
  it('does not retry a request the CSP blocked or one that timed out', () => {
    expect(isTransient(new ApiError('network', 'x', { code: CONNECTION_LOST }))).toBe(true);
    expect(isTransient(new ApiError('network', 'x', { code: CSP_BLOCKED }))).toBe(false);
    expect(isTransient(new ApiError('network', 'x', { code: REQUEST_TIMEOUT }))).toBe(false);
  });
});
