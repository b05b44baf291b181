/**
 * Assistant `audio.data` is base64 of whatever format the request asked for (wav, mp3, flac,
 * opus in Ogg, or raw pcm16) and the message doesn't say which: the container is sniffed from
 * its first bytes. Raw pcm16 (OpenAI: 24 kHz, mono, 16-bit little-endian) has no header, so
 * bytes that match nothing known are wrapped in a WAV header to be playable.
 */

export interface AssistantAudio {
  id: string | null;
  /** Unix seconds. */
  expiresAt: number | null;
  data: string | null;
  transcript: string | null;
}

/** Whether an `expires_at` (Unix seconds) has passed. */
export function hasExpired(expiresAt: number, nowMs = Date.now()): boolean {
  return expiresAt * 1000 <= nowMs;
}

/** Reads `audio` leniently; null when it is not an object. */
export function readAudio(value: unknown): AssistantAudio | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const audio = value as Record<string, unknown>;
  const str = (field: unknown) => (typeof field === 'string' ? field : null);
  return {
    id: str(audio.id),
    // Within what a Date can hold (±8.64e12 s), so it can always be formatted.
    expiresAt:
      typeof audio.expires_at === 'number' && Math.abs(audio.expires_at) <= 8.64e12
        ? audio.expires_at
        : null,
    data: str(audio.data) || null,
    transcript: str(audio.transcript),
  };
}

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

// MPEG audio frame header tables (bitrates in kbit/s by [version][layer]).
const BITRATES: Record<string, readonly number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44_100, 48_000, 32_000], // MPEG-1
  2: [22_050, 24_000, 16_000], // MPEG-2
  0: [11_025, 12_000, 8_000], // MPEG-2.5
};

/** Length in bytes of the MPEG audio frame whose header is at `at`, or null if it is not one. */
export function mpegFrameLength(bytes: Uint8Array, at = 0): number | null {
  if (at + 4 > bytes.length) return null;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 0: 2.5, 1: reserved, 2: 2, 3: 1
  const layerBits = (b1 >> 1) & 3; // 0: reserved, 1: III, 2: II, 3: I
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) return null;
  if (rateIndex === 3) return null;
  const layer = 4 - layerBits;
  const kbps = BITRATES[`${version === 3 ? 1 : 2}-${layer}`]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4;
  const perFrame = layer === 3 && version !== 3 ? 72 : 144;
  return Math.floor((perFrame * kbps * 1000) / sampleRate) + padding;
}

/**
 * The audio MIME type from the first bytes, or null when no container matches (raw pcm16).
 * An MPEG frame sync (0xFFF…/0xFFE…) is only trusted when the header is valid and, if the data
 * goes on, the next frame starts where this one ends: pcm16 samples can start with 0xFF too.
 */
export function sniffAudioType(bytes: Uint8Array): string | null {
  if (bytes.length >= 12 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'audio/wav';
  if (ascii(bytes, 0, 'ID3')) return 'audio/mpeg';
  if (ascii(bytes, 0, 'OggS')) return 'audio/ogg';
  if (ascii(bytes, 0, 'fLaC')) return 'audio/flac';
  const frame = mpegFrameLength(bytes);
  if (frame != null) {
    const next = mpegFrameLength(bytes, frame);
    if (next != null || frame + 4 > bytes.length) return 'audio/mpeg';
  }
  return null;
}

/** Wraps raw little-endian 16-bit PCM in a WAV header. */
export function pcm16ToWav(
  pcm: Uint8Array,
  sampleRate = 24_000,
  channels = 1,
): Uint8Array<ArrayBuffer> {
  const length = pcm.length - (pcm.length % 2);
  const out = new Uint8Array(44 + length);
  const view = new DataView(out.buffer);
  const write = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  };
  write(0, 'RIFF');
  view.setUint32(4, 36 + length, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, length, true);
  out.set(pcm.subarray(0, length), 44);
  return out;
}

/** Decodes base64 (whitespace tolerated) to bytes; throws on invalid base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Approximate decoded size of base64 text, without decoding it. */
export function base64Bytes(base64: string): number {
  const clean = base64.length - (base64.match(/\s/g)?.length ?? 0);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean * 3) / 4) - padding);
}

export interface DecodedAudio {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  /** True when the data had no container and was wrapped as 24 kHz mono pcm16. */
  wrappedPcm: boolean;
}

/** The audio to play: sniffed container, or raw pcm16 wrapped as WAV. */
export function decodeAudio(base64: string): DecodedAudio {
  const bytes = base64ToBytes(base64);
  const mimeType = sniffAudioType(bytes);
  if (mimeType) return { bytes, mimeType, wrappedPcm: false };
  return { bytes: pcm16ToWav(bytes), mimeType: 'audio/wav', wrappedPcm: true };
}
