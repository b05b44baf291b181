import { describe, expect, it } from 'vitest';
import { safeImageSource } from './safe-url.ts';

describe('safeImageSource', () => {
  it('takes http: and https: URLs, normalized', () => {
    // http: too: local model servers, dev boxes and internal hosts serve images over http.
    expect(safeImageSource('http://127.0.0.1:18081/img/checker.png')).toEqual({
      ok: true,
      kind: 'remote',
      src: 'http://127.0.0.1:18081/img/checker.png',
    });
    expect(safeImageSource('  HTTPS://Example.com/a b.png ')).toEqual({
      ok: true,
      kind: 'remote',
      src: 'https://example.com/a%20b.png',
    });
  });

  it('takes data: URLs of raster image types, with their type and size', () => {
    const source = safeImageSource('data:image/png;base64,iVBORw0KGgo=');
    expect(source).toMatchObject({
      ok: true,
      kind: 'data',
      mimeType: 'image/png',
      approxBytes: 12,
    });
  });

  it.each([
    ['javascript:alert(1)', /javascript: scheme/],
    ['JaVaScRiPt:alert(1)', /javascript: scheme/],
    ['file:///etc/passwd', /file: scheme/],
    ['data:text/html,<script>alert(1)</script>', /data: scheme/],
    ['data:image/svg+xml;base64,PHN2Zz4=', /SVG/],
    ['blob:https://example.com/1234', /blob: scheme/],
    ['ftp://example.com/a.png', /ftp: scheme/],
    ['//example.com/a.png', /not a valid URL/],
    ['/demo-assets/images/a.png', /not a valid URL/],
    ['https://user:secret@example.com/a.png', /user name or password/],
    ['http://user@example.com/a.png', /user name or password/],
  ])('refuses %s', (url, reason) => {
    const source = safeImageSource(url);
    expect(source.ok).toBe(false);
    if (!source.ok) expect(source.reason).toMatch(reason);
  });
});
