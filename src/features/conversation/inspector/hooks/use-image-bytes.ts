import { useEffect, useState } from 'react';
import { diagnoseImageFailure, pagePolicyAllows } from '@/features/remote-images/index.ts';
import type { ImageFailure } from '@/features/remote-images/index.ts';
import { safeImageSource } from '@/lib/safe-url.ts';
import { acquireDataUrlBlob } from '../utils/data-url-blobs.ts';

/** Where the inspector's image comes from, and what is known about its bytes. */
export type ImageBytes =
  | { status: 'refused'; reason: string }
  /** A remote image while "Load remote images" is "on click" and the reader has not asked. */
  | { status: 'not-loaded'; kind: 'remote'; url: string }
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
      /** The answer's status and type, when the bytes were read (for a diagnosis if they don't decode). */
      response: { status: number; contentType: string } | null;
    }
  | {
      status: 'failed';
      kind: 'data' | 'remote';
      reason: string;
      /** Why a remote image failed, as far as the browser tells. */
      failure: ImageFailure | null;
    };

type Loaded = { for: string; value: ImageBytes };

/**
 * Reads an image part's bytes off the critical path: a data URL is decoded to a Blob (never
 * rendered as text), a remote URL is fetched when the page's connect-src and the host's CORS
 * allow (byte size and type from the response), else shown from its URL with size and type
 * unknown. Nothing remote is requested while `mayLoad` is false ("on click", not clicked yet).
 * Blob URLs are revoked when the part changes or the inspector closes.
 */
export function useImageBytes(url: string, mayLoad: boolean): ImageBytes {
  const source = safeImageSource(url);
  const [loaded, setLoaded] = useState<Loaded>();
  const waiting = source.ok && source.kind === 'remote' && !mayLoad;

  useEffect(() => {
    const src = safeImageSource(url);
    if (!src.ok || waiting) return;
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
            response: null,
          });
        })
        .catch(() =>
          done({
            status: 'failed',
            kind: 'data',
            reason: 'the data URL could not be decoded',
            failure: null,
          }),
        );
      return () => {
        controller.abort();
        lease.release();
      };
    }

    let objectUrl: string | null = null;
    const shownFromUrl = (unknownReason: string) =>
      done({
        status: 'ready',
        kind: 'remote',
        displayUrl: src.src,
        blob: null,
        bytes: null,
        mimeType: null,
        unknownReason,
        response: null,
      });
    // Only where the page's connect-src allows it: elsewhere the browser would refuse the
    // request and report a violation.
    void pagePolicyAllows('connect-src', src.src).then(async (allowed) => {
      if (controller.signal.aborted) return;
      if (allowed === false) return shownFromUrl('cross-origin');
      let response: Response;
      try {
        response = await fetch(src.src, {
          signal: controller.signal,
          mode: 'cors',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
      } catch {
        // A cross-origin image without CORS (or a network failure): the <img> may still show
        // it, and says why if it can't.
        return shownFromUrl('cross-origin');
      }
      const answer = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
      };
      if (!response.ok) {
        const failure = await diagnoseImageFailure(src.src, answer);
        done({ status: 'failed', kind: 'remote', reason: failure.reason, failure });
        return;
      }
      let blob: Blob;
      try {
        blob = await response.blob();
      } catch {
        return shownFromUrl('the answer was cut off');
      }
      if (controller.signal.aborted) return; // cleanup ran: make no URL nobody would revoke
      const type = answer.contentType.split(';')[0]?.trim() || blob.type;
      objectUrl = URL.createObjectURL(blob);
      done({
        status: 'ready',
        kind: 'remote',
        displayUrl: objectUrl,
        blob,
        bytes: blob.size,
        mimeType: type || null,
        unknownReason: null,
        response: answer,
      });
    });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, waiting]);

  if (!source.ok) return { status: 'refused', reason: source.reason };
  if (waiting) return { status: 'not-loaded', kind: 'remote', url: source.src };
  if (loaded?.for === url) return loaded.value;
  return {
    status: 'loading',
    kind: source.kind,
    approxBytes: source.kind === 'data' ? source.approxBytes : null,
  };
}
