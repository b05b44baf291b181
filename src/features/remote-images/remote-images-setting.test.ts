import { describe, expect, it } from 'vitest';
import {
  isRemoteUrl,
  mayLoadImage,
  readRemoteImagesSetting,
  REMOTE_IMAGES_STORAGE_KEY,
} from './remote-images-setting.ts';

const storageWith = (value: string | null) => ({
  getItem: (key: string) => (key === REMOTE_IMAGES_STORAGE_KEY ? value : null),
});

describe('the "Load remote images" setting', () => {
  it('is "on" unless "click" was stored; blocked storage means the default', () => {
    expect(readRemoteImagesSetting(storageWith('click'))).toBe('click');
    expect(readRemoteImagesSetting(storageWith('on'))).toBe('on');
    expect(readRemoteImagesSetting(storageWith('never'))).toBe('on');
    expect(readRemoteImagesSetting(storageWith(null))).toBe('on');
    expect(readRemoteImagesSetting(null)).toBe('on');
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readRemoteImagesSetting(throwing)).toBe('on');
  });

  it('"on click" holds back http(s) images until asked; data: URLs always load', () => {
    const none = new Set<string>();
    const url = 'http://127.0.0.1:18081/img/checker.png';
    expect(mayLoadImage(url, 'on', none)).toBe(true);
    expect(mayLoadImage(url, 'click', none)).toBe(false);
    expect(mayLoadImage(url, 'click', new Set([url]))).toBe(true);
    expect(mayLoadImage(' HTTP://127.0.0.1:18081/img/checker.png', 'click', new Set([url]))).toBe(
      true,
    );
    expect(mayLoadImage('HTTPS://cdn.example/a.png', 'click', none)).toBe(false);
    expect(mayLoadImage('data:image/png;base64,AAAA', 'click', none)).toBe(true);
    // Refused URLs are never requested anyway: no placeholder asking to load them.
    expect(mayLoadImage('javascript:alert(1)', 'click', none)).toBe(true);
  });

  it('knows which URLs are remote', () => {
    expect(isRemoteUrl(' http://a.example/x')).toBe(true);
    expect(isRemoteUrl('https://a.example/x')).toBe(true);
    expect(isRemoteUrl('data:image/png;base64,AAAA')).toBe(false);
    expect(isRemoteUrl('blob:http://a.example/1')).toBe(false);
  });
});
