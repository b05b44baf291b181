import { describe, expect, it } from 'vitest';
import { downloadName, fitBox, formatSize, isDataUrl } from './display.ts';

describe('fitBox', () => {
  it('fits a large image into the stage, keeping its aspect ratio', () => {
    expect(fitBox({ width: 2048, height: 4096 }, { width: 900, height: 800 })).toEqual({
      width: 400,
      height: 800,
    });
  });
  it('never enlarges a small image', () => {
    expect(fitBox({ width: 64, height: 64 }, { width: 900, height: 800 })).toEqual({
      width: 64,
      height: 64,
    });
  });
});

describe('downloadName', () => {
  it('keeps the URL’s own file name', () => {
    expect(downloadName('https://example.com/a/grid-1024.png?sig=1', 'image/png', 'x')).toBe(
      'grid-1024.png',
    );
    expect(downloadName('https://example.com/files/photo%20one.jpg', null, 'x')).toBe(
      'photo one.jpg',
    );
  });
  it('adds the type’s extension when the URL has none', () => {
    expect(downloadName('https://example.com/render/123', 'image/webp', 'x')).toBe('123.webp');
  });
  it('names a data URL after where the part sits', () => {
    expect(
      downloadName('data:image/jpeg;base64,AAAA', 'image/jpeg', 'image-message-6-part-2'),
    ).toBe('image-message-6-part-2.jpg');
    expect(downloadName('data:image/x-unknown;base64,AAAA', null, '')).toBe('image.img');
  });
  it('never keeps path separators or odd characters', () => {
    expect(downloadName('https://example.com/a%2F..%2Fb.png', 'image/png', 'x')).toBe('a_.._b.png');
  });
});

describe('formatSize', () => {
  it('writes W × H without thousands separators', () => {
    expect(formatSize({ width: 2048, height: 4096 })).toBe('2048 × 4096');
  });
});

describe('isDataUrl', () => {
  it('looks at the scheme only, in any case', () => {
    expect(isDataUrl(' DATA:image/png;base64,AAAA')).toBe(true);
    expect(isDataUrl('https://example.com/data:image.png')).toBe(false);
  });
});
