/**
 * Blob URLs for large data URLs, decoded in a worker and shared by everyone showing the same
 * image (the part in the list and the inspector), counted, and revoked once the last user has
 * let go (after a short grace, so a row scrolled out and back doesn't decode twice).
 */
export interface DataUrlBlob {
  blob: Blob;
  objectUrl: string;
}

interface Entry {
  users: number;
  decoded: Promise<Blob>;
  objectUrl: string | null;
  evictTimer: ReturnType<typeof setTimeout> | null;
}

const EVICT_AFTER_MS = 1000;
const entries = new Map<string, Entry>();

let worker: Worker | null | undefined;
let nextJob = 0;
const jobs = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./decode-data-url.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (
      event: MessageEvent<{ id: number; blob: Blob } | { id: number; error: string }>,
    ) => {
      const job = jobs.get(event.data.id);
      jobs.delete(event.data.id);
      if (!job) return;
      if ('blob' in event.data) job.resolve(event.data.blob);
      else job.reject(new Error(event.data.error));
    };
  } catch {
    worker = null; // no workers here (a strict CSP?): decode on the page instead
  }
  return worker;
}

function decode(dataUrl: string): Promise<Blob> {
  const decoder = getWorker();
  if (!decoder) return fetch(dataUrl).then((response) => response.blob());
  return new Promise<Blob>((resolve, reject) => {
    const id = nextJob++;
    jobs.set(id, { resolve, reject });
    // Bytes, transferred: a data URL is ASCII, encoded at memory speed, and moving the buffer
    // costs nothing, where posting the string would copy it.
    const bytes = new TextEncoder().encode(dataUrl);
    decoder.postMessage({ id, bytes }, [bytes.buffer]);
  });
}

function evict(dataUrl: string, entry: Entry): void {
  if (entries.get(dataUrl) !== entry || entry.users > 0) return;
  entries.delete(dataUrl);
  if (entry.objectUrl) URL.revokeObjectURL(entry.objectUrl);
  entry.objectUrl = null;
}

/**
 * Starts (or joins) decoding `dataUrl`. `ready` resolves with the Blob and its Blob URL, or
 * null if released first; call `release` exactly when the image leaves the view.
 */
export function acquireDataUrlBlob(dataUrl: string): {
  ready: Promise<DataUrlBlob | null>;
  release: () => void;
} {
  let entry = entries.get(dataUrl);
  if (!entry) {
    entry = { users: 0, decoded: decode(dataUrl), objectUrl: null, evictTimer: null };
    entries.set(dataUrl, entry);
  }
  const own = entry;
  own.users += 1;
  if (own.evictTimer) clearTimeout(own.evictTimer);
  own.evictTimer = null;

  let released = false;
  const ready = own.decoded.then((blob) => {
    if (released || entries.get(dataUrl) !== own) return null;
    own.objectUrl ??= URL.createObjectURL(blob);
    return { blob, objectUrl: own.objectUrl };
  });
  ready.catch(() => {
    if (entries.get(dataUrl) === own) entries.delete(dataUrl); // a failed decode is not kept
  });
  return {
    ready,
    release: () => {
      if (released) return;
      released = true;
      own.users -= 1;
      if (own.users === 0) own.evictTimer = setTimeout(() => evict(dataUrl, own), EVICT_AFTER_MS);
    },
  };
}

/** How many data URLs are held right now (tests, and a debugging aid). */
export function heldDataUrlCount(): number {
  return entries.size;
}
