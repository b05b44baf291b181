import { describe, expect, it } from 'vitest';
import { safeLinkHref } from './safe-link.ts';

describe('safeLinkHref', () => {
  it('keeps http, https and mailto, normalized', () => {
    expect(safeLinkHref('https://example.com/a?b=1&c=2#d')).toBe('https://example.com/a?b=1&c=2#d');
    expect(safeLinkHref('HTTP://Example.com')).toBe('http://example.com/');
    expect(safeLinkHref('mailto:security@example.com')).toBe('mailto:security@example.com');
    expect(safeLinkHref('https://example.com/" onmouseover="x')).toBe(
      'https://example.com/%22%20onmouseover=%22x',
    );
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjava\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/uuid',
    'ftp://example.com/',
    '/relative/path',
    '#fragment',
    '//example.com/protocol-relative',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(safeLinkHref(url)).toBeNull();
  });
});
