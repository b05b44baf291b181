import { MessageSection } from './message-section.tsx';
import { useCallback, useMemo } from 'react';
import { formatBytes, formatDateTime, formatRelative, isoDateTime } from '@/lib/format.ts';
import {
  base64Bytes,
  base64ToBytes,
  decodeAudio,
  hasExpired,
  sniffAudioType,
  type AssistantAudio,
} from './audio-data.ts';

const base64Text = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * A player for base64 audio. The data is decoded to a Blob URL when the element mounts and the
 * URL revoked when it unmounts: megabytes of base64 never reach the DOM, and a row scrolled
 * away frees its audio.
 */
function AudioPlayer({ data, label }: { data: string; label: string }) {
  const info = useMemo(() => {
    if (!base64Text.test(data)) return null;
    try {
      const head = data.replace(/\s+/g, '').slice(0, 8_192);
      const type = sniffAudioType(base64ToBytes(head.slice(0, head.length - (head.length % 4))));
      return { type: type ?? 'audio/wav', pcm: type == null, bytes: base64Bytes(data) };
    } catch {
      return null; // looks like base64 but isn't (bad length or padding)
    }
  }, [data]);

  const attach = useCallback(
    (element: HTMLAudioElement | null) => {
      if (!element || !info) return;
      let decoded: ReturnType<typeof decodeAudio>;
      try {
        decoded = decodeAudio(data);
      } catch {
        // Undecodable past the part that was sniffed: the player stays empty and says so.
        element.setAttribute('aria-description', 'The audio data cannot be decoded.');
        return;
      }
      const url = URL.createObjectURL(new Blob([decoded.bytes], { type: decoded.mimeType }));
      element.src = url;
      return () => {
        element.removeAttribute('src');
        URL.revokeObjectURL(url);
      };
    },
    [data, info],
  );

  if (!info) {
    return (
      <p className="text-sm text-rose-800" data-testid="audio-error">
        The audio data is not valid base64 and cannot be played.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <audio
        ref={attach}
        controls
        preload="metadata"
        aria-label={`Audio of message ${label}`}
        data-testid="audio-player"
        className="h-9 max-w-full"
      />
      <span className="text-xs text-slate-500" data-testid="audio-format">
        {info.type}, {formatBytes(info.bytes)}
        {info.pcm && ' (no container found: played as raw pcm16, 24 kHz mono)'}
      </span>
    </div>
  );
}

/** Assistant `audio`: transcript, id, expiry (absolute and relative), and a player with data. */
export function AudioView({ audio, label }: { audio: AssistantAudio; label: string }) {
  const expired = audio.expiresAt != null && hasExpired(audio.expiresAt);
  return (
    <MessageSection kind="audio" messageLabel={label}>
      {audio.data ? (
        <AudioPlayer data={audio.data} label={label} />
      ) : (
        <p className="text-sm text-slate-500 italic">No audio data stored (only its id).</p>
      )}
      {audio.transcript != null && (
        <div className="mt-2">
          <p className="text-xs font-medium text-slate-500">Transcript</p>
          <p
            className="whitespace-pre-wrap [overflow-wrap:anywhere]"
            dir="auto"
            data-testid="audio-transcript"
          >
            {audio.transcript}
          </p>
        </div>
      )}
      <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {audio.id && (
          <div className="flex gap-1">
            <dt>id</dt>
            <dd className="font-mono">{audio.id}</dd>
          </div>
        )}
        {audio.expiresAt != null && (
          <div className="flex gap-1">
            <dt>expires_at</dt>
            <dd>
              <time dateTime={isoDateTime(audio.expiresAt)}>{formatDateTime(audio.expiresAt)}</time>{' '}
              <span
                data-testid="audio-expiry"
                className={expired ? 'font-medium text-rose-700' : 'text-emerald-800'}
              >
                ({expired ? 'expired' : 'expires'} {formatRelative(audio.expiresAt)})
              </span>
            </dd>
          </div>
        )}
      </dl>
    </MessageSection>
  );
}
