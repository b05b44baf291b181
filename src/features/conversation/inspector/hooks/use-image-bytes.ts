import { useEffect, useState } from 'react';
import { safeImageSource } from '@/lib/safe-url.ts';
import { acquireDataUrlBlob } from '../utils/data-url-blobs.ts';

/** Where the inspector's image comes from, and what is known about its bytes. */
export type ImageBytes =
  | { status: 'refused'; reason: string }
  | { status: 'loading'; kind: 'data' | 'remote'; approxBytes: number | null }
  | {
      status: 'ready';
      kind: 'data' | 'remote';
      /** What the <img> shows: a Blob URL we own, or the remote URL itself (cross-origin). */
      displayUrl: string;
      /** The original bytes, when they could be read (data URLs, same-origin or CORS images). */
      blob: Blob | null;
      bytes: number | null;
      mimeType: string | null;
      /** Why bytes and type are unknown, when they are. */
      unknownReason: string | null;
    }
  | { status: 'failed'; kind: 'data' | 'remote'; reason: string };

type Loaded = { for: string; value: ImageBytes };

/**
 * Reads an image part's bytes off the critical path: a data URL is decoded to a Blob (never
 * rendered as text), a remote URL is fetched when CORS allows (byte size and type from the
 * response), else shown from its URL with size and type unknown. Blob URLs are revoked when
 * the part changes or the inspector closes.
 */
export function useImageBytes(url: string): ImageBytes {
  const source = safeImageSource(url);
  const [loaded, setLoaded] = useState<Loaded>();

  useEffect(() => {
    const src = safeImageSource(url);
    if (!src.ok) return;
    const controller = new AbortController();
    const done = (value: ImageBytes) => {
      if (!controller.signal.aborted) setLoaded({ for: url, value });
    };

    if (src.kind === 'data') {
      // Shared with the part in the list: one decode, in a worker, one Blob URL.
      const lease = acquireDataUrlBlob(url); // the key the list's part uses too
      lease.ready
        .then((decoded) => {
          if (!decoded) return;
          done({
            status: 'ready',
            kind: 'data',
            displayUrl: decoded.objectUrl,
            blob: decoded.blob,
            bytes: decoded.blob.size,
            mimeType: decoded.blob.type || src.mimeType,
            unknownReason: null,
          });
        })
        .catch(() =>
          done({ status: 'failed', kind: 'data', reason: 'the data URL could not be decoded' }),
        );
      return () => {
        controller.abort();
        lease.release();
      };
    }

    let objectUrl: string | null = null;
    fetch(src.src, {
      signal: controller.signal,
      mode: 'cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    })
      .then(async (response) => {
        if (!response.ok) {
          const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
          done({ status: 'failed', kind: 'remote', reason: `the server answered HTTP ${status}` });
          return;
        }
        const blob = await response.blob();
        if (controller.signal.aborted) return; // cleanup ran: make no URL nobody would revoke
        const type = response.headers.get('content-type')?.split(';')[0]?.trim() || blob.type;
        objectUrl = URL.createObjectURL(blob);
        done({
          status: 'ready',
          kind: 'remote',
          displayUrl: objectUrl,
          blob,
          bytes: blob.size,
          mimeType: type || null,
          unknownReason: null,
        });
      })
      .catch(() => {
        // A cross-origin image without CORS (or a network failure): the <img> may still show
        // it, and says so if it can't.
        done({
          status: 'ready',
          kind: 'remote',
          displayUrl: src.src,
          blob: null,
          bytes: null,
          mimeType: null,
          unknownReason: 'cross-origin',
        });
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);

  if (!source.ok) return { status: 'refused', reason: source.reason };
  if (loaded?.for === url) return loaded.value;
  return {
    status: 'loading',
    kind: source.kind,
    approxBytes: source.kind === 'data' ? source.approxBytes : null,
  };
}
