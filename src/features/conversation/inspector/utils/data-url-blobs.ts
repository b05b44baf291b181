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
  dataUrl: string;
  users: number;
  decoded: Promise<DataUrlBlob>;
  /** The decode's result once in (a Blob URL still to revoke), or null before and after. */
  result: DataUrlBlob | null;
  evicted: boolean;
  evictTimer: ReturnType<typeof setTimeout> | null;
}

/** What the worker answers: the Blob URL it made (usable and revocable here), or an error. */
export type DecodeReply = ({ id: number } & DataUrlBlob) | { id: number; error: string };

const EVICT_AFTER_MS = 1000;
/** By fingerprint (see keyOf); an entry holds its data URL, compared before it is shared. */
const entries = new Map<string, Entry>();

/**
 * A short key for a data URL. Using the URL itself as a Map key makes V8 hash all of it on first
 * use (~6 ms for 5 MB, on the render that mounts the image); this samples it instead. Two URLs
 * with one key are told apart by comparing them (see acquireDataUrlBlob).
 */
export function keyOf(dataUrl: string): string {
  const samples = 32;
  const step = Math.max(1, Math.floor(dataUrl.length / samples));
  let key = `${dataUrl.length}:${dataUrl.slice(0, 64)}`;
  for (let at = step; at < dataUrl.length; at += step) key += dataUrl.slice(at, at + 8);
  return key + dataUrl.slice(-64);
}

let worker: Worker | null | undefined;
let nextJob = 0;
const jobs = new Map<
  number,
  { resolve: (decoded: DataUrlBlob) => void; reject: (error: Error) => void }
>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./decode-data-url.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<DecodeReply>) => {
      const { data } = event;
      const job = jobs.get(data.id);
      jobs.delete(data.id);
      if (!job) {
        if ('objectUrl' in data) URL.revokeObjectURL(data.objectUrl);
        return;
      }
      if ('error' in data) job.reject(new Error(data.error));
      else job.resolve({ blob: data.blob, objectUrl: data.objectUrl });
    };
  } catch {
    worker = null; // no workers here (a strict CSP?): decode on the page instead
  }
  return worker;
}

function decode(dataUrl: string): Promise<DataUrlBlob> {
  // Started from a task of its own: the part asking usually mounts in a long render.
  return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
    const decoder = getWorker();
    if (!decoder) {
      return fetch(dataUrl)
        .then((response) => response.blob())
        .then((blob) => ({ blob, objectUrl: URL.createObjectURL(blob) }));
    }
    return new Promise<DataUrlBlob>((resolve, reject) => {
      const id = nextJob++;
      jobs.set(id, { resolve, reject });
      // Measured in Chromium for a 5 MB data URL, page thread: posting the string copies it in
      // ~5 ms (encoding it to bytes to transfer them took 25-50 ms), and a Blob URL made in the
      // worker costs nothing here (URL.createObjectURL on the page for the worker's Blob:
      // 25-60 ms; receiving the Blob itself, no long task).
      decoder.postMessage({ id, dataUrl });
    });
  });
}

function evict(key: string, entry: Entry): void {
  if (entry.users > 0) return;
  if (entries.get(key) === entry) entries.delete(key);
  entry.evicted = true;
  // A Blob URL made by the worker is revoked from here like one of ours (one still on its way
  // is revoked when it arrives).
  if (entry.result) URL.revokeObjectURL(entry.result.objectUrl);
  entry.result = null;
}

/**
 * Starts (or joins) decoding `dataUrl`. `ready` resolves with the Blob and its Blob URL, or
 * null if released first; call `release` exactly when the image leaves the view.
 */
export function acquireDataUrlBlob(dataUrl: string): {
  ready: Promise<DataUrlBlob | null>;
  release: () => void;
} {
  const key = keyOf(dataUrl);
  let entry = entries.get(key);
  // Same key, another image (unlikely, not impossible): that one is not shared.
  const shared = !entry || entry.dataUrl === dataUrl;
  if (!entry || !shared) {
    const created: Entry = {
      dataUrl,
      users: 0,
      decoded: decode(dataUrl),
      result: null,
      evicted: false,
      evictTimer: null,
    };
    created.decoded.then(
      (decoded) => {
        if (created.evicted) URL.revokeObjectURL(decoded.objectUrl);
        else created.result = decoded;
      },
      () => {},
    );
    entry = created;
    if (shared) entries.set(key, entry);
  }
  const own = entry;
  own.users += 1;
  if (own.evictTimer) clearTimeout(own.evictTimer);
  own.evictTimer = null;

  let released = false;
  const ready = own.decoded.then((decoded) => (released || own.evicted ? null : decoded));
  ready.catch(() => {
    own.evicted = true;
    if (entries.get(key) === own) entries.delete(key); // a failed decode is not kept
  });
  return {
    ready,
    release: () => {
      if (released) return;
      released = true;
      own.users -= 1;
      if (own.users === 0) own.evictTimer = setTimeout(() => evict(key, own), EVICT_AFTER_MS);
    },
  };
}

/** How many data URLs are held right now (tests, and a debugging aid). */
export function heldDataUrlCount(): number {
  return entries.size;
}
