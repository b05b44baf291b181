import { afterEach, describe, expect, it, vi } from 'vitest';
import { toneWav } from '../../../../server/data/special-rich.ts';
import {
  base64Bytes,
  decodeAudio,
  hasExpired,
  mpegFrameLength,
  pcm16ToWav,
  readAudio,
  sniffAudioType,
} from './audio-data.ts';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(
    values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])),
  );

/** An MPEG-1 Layer III frame header, 128 kbit/s, 44.1 kHz: frames of 417 bytes. */
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x64];
function mp3Frames(count: number): Uint8Array {
  const out = new Uint8Array(417 * count);
  for (let i = 0; i < count; i++) out.set(MP3_HEADER, i * 417);
  return out;
}

describe('sniffAudioType', () => {
  it('recognizes each container from its magic bytes', () => {
    expect(sniffAudioType(new Uint8Array(toneWav(440, 0.05)))).toBe('audio/wav');
    expect(sniffAudioType(bytes('ID3', 4, 0, 0, 0, 0, 0, 0))).toBe('audio/mpeg');
    expect(sniffAudioType(mp3Frames(3))).toBe('audio/mpeg');
    expect(sniffAudioType(bytes('OggS', 0, 2, 0, 0, 0, 0))).toBe('audio/ogg');
    expect(sniffAudioType(bytes('fLaC', 0, 0, 0, 34))).toBe('audio/flac');
  });

  it('is not fooled by pcm16 samples that start with 0xFF', () => {
    // Quiet raw pcm16 often starts with -1 (FF FF) or small negative samples (xx FF …).
    expect(sniffAudioType(bytes(0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x01, 0x00))).toBeNull();
    const pcm = new Uint8Array(2_000);
    pcm.set([0xff, 0xfb, 0x90, 0x64]); // a valid-looking header, but no frame follows
    expect(sniffAudioType(pcm)).toBeNull();
    expect(sniffAudioType(bytes('RIFF', 0, 0, 0, 0, 'AVI '))).toBeNull();
    expect(sniffAudioType(new Uint8Array(0))).toBeNull();
  });

  it('computes MPEG frame lengths from the header', () => {
    expect(mpegFrameLength(new Uint8Array(MP3_HEADER))).toBe(417);
    expect(mpegFrameLength(bytes(0xff, 0xfb, 0xf0, 0x00))).toBeNull(); // bitrate index 15
    expect(mpegFrameLength(bytes(0xff, 0xf9, 0x90, 0x00))).toBeNull(); // layer "00": AAC ADTS
  });
});

describe('pcm16ToWav and decodeAudio', () => {
  it('wraps raw pcm16 as 24 kHz mono 16-bit WAV', () => {
    const pcm = new Uint8Array([1, 0, 2, 0, 3, 0, 9]); // an odd trailing byte is dropped
    const wav = pcm16ToWav(pcm);
    const view = new DataView(wav.buffer);
    expect(String.fromCharCode(...wav.slice(0, 4))).toBe('RIFF');
    expect(String.fromCharCode(...wav.slice(8, 12))).toBe('WAVE');
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(24_000);
    expect(view.getUint32(28, true)).toBe(48_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(6);
    expect([...wav.slice(44)]).toEqual([1, 0, 2, 0, 3, 0]);
  });

  it('decodes base64, keeping a known container and wrapping what has none', () => {
    const wav = toneWav(440, 0.1);
    const kept = decodeAudio(wav.toString('base64'));
    expect(kept).toMatchObject({ mimeType: 'audio/wav', wrappedPcm: false });
    expect(kept.bytes.length).toBe(wav.length);
    const pcm = Buffer.from(wav.subarray(44)).toString('base64');
    const wrapped = decodeAudio(pcm);
    expect(wrapped).toMatchObject({ mimeType: 'audio/wav', wrappedPcm: true });
    expect(wrapped.bytes.length).toBe(wav.length);
    expect(base64Bytes(wav.toString('base64'))).toBe(wav.length);
  });
});

describe('readAudio', () => {
  it('reads the fields leniently and keeps a formattable expiry only', () => {
    expect(
      readAudio({ id: 'audio_1', expires_at: 1_700_000_000, data: 'AAA=', transcript: 'hi' }),
    ).toEqual({ id: 'audio_1', expiresAt: 1_700_000_000, data: 'AAA=', transcript: 'hi' });
    expect(readAudio({ id: 'audio_2', expires_at: 1e20, data: '' })).toEqual({
      id: 'audio_2',
      expiresAt: null,
      data: null,
      transcript: null,
    });
    expect(readAudio('audio')).toBeNull();
    expect(readAudio(null)).toBeNull();
    expect(hasExpired(1_000, 1_000_001)).toBe(true);
    expect(hasExpired(1_001, 1_000_000)).toBe(false);
  });
});

// The demo's audio expiries are fixed (an hour after 2026-10-29 14:24 UTC, and 2046-10-27):
// whether one has expired is read from the clock, and only Date is faked here.
describe('hasExpired by the clock, whatever the day', () => {
  const soon = Date.UTC(2026, 9, 29, 15, 24) / 1000;
  const far = Date.UTC(2046, 9, 27) / 1000;
  afterEach(() => void vi.useRealTimers());

  it.each([
    ['2020-01-01T00:00:00Z', false, false],
    ['2026-10-29T15:23:59Z', false, false],
    ['2026-10-29T15:24:00Z', true, false],
    ['2031-06-01T00:00:00Z', true, false],
    ['2040-01-01T00:00:00Z', true, false],
    ['2050-01-01T00:00:00Z', true, true],
  ])('at %s: soon %s, far %s', (now, soonExpired, farExpired) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    expect(hasExpired(soon)).toBe(soonExpired);
    expect(hasExpired(far)).toBe(farExpired);
  });
});
