import { describe, expect, it } from 'vitest';
import { parseViewerInfo } from './get-viewer-info.ts';

const json = 'application/json';

describe('parseViewerInfo', () => {
  it('reads the server modes', () => {
    expect(
      parseViewerInfo(
        200,
        json,
        '{"mode":"demo","completions":240,"keyRequired":false,"search":true}',
      ),
    ).toEqual({
      mode: 'demo',
      completions: 240,
      keyRequired: false,
      search: true,
    });
    expect(
      parseViewerInfo(
        200,
        json,
        '{"mode":"proxy","baseURL":"https://api.openai.com/v1","keyRequired":false}',
      ),
    ).toEqual({
      mode: 'proxy',
      baseURL: 'https://api.openai.com/v1',
      keyRequired: false,
      search: false,
    });
    expect(parseViewerInfo(200, json, '{"mode":"file","keyRequired":true}')).toMatchObject({
      keyRequired: true,
    });
    expect(
      parseViewerInfo(
        200,
        json,
        '{"mode":"demo","keyRequired":false,"connectSrc":["https://api.openai.com",3]}',
      ),
    ).toEqual({
      mode: 'demo',
      keyRequired: false,
      search: false,
      connectSrc: ['https://api.openai.com'],
    });
  });

  it('a 404, or a static host’s index.html fallback, means a static host', () => {
    expect(parseViewerInfo(404, 'text/plain', 'Not found')).toEqual({ mode: 'static' });
    expect(parseViewerInfo(200, 'text/html', '<!doctype html>')).toEqual({ mode: 'static' });
    expect(parseViewerInfo(200, json, '{"mode":"other"}')).toEqual({ mode: 'static' });
    expect(parseViewerInfo(200, json, 'not json')).toEqual({ mode: 'static' });
  });
});
