// Decodes data URLs off the main thread: in Chromium, fetch() of a multi-megabyte data URL
// on the page's thread runs as several 100 ms+ tasks; here it blocks nothing. The Blob URL is
// made here too (on the page, URL.createObjectURL for a Blob from a worker took 25-60 ms for
// 5 MB); the page uses and revokes it like its own.
import type { DecodeReply } from './data-url-blobs.ts';

interface Job {
  id: number;
  dataUrl: string;
}
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage: (message: DecodeReply) => void;
};

scope.onmessage = (event) => {
  const { id, dataUrl } = event.data;
  fetch(dataUrl)
    .then((response) => response.blob())
    .then(
      (blob) =>
        scope.postMessage({
          id,
          blob,
          objectUrl: URL.createObjectURL(blob),
        }),
      (error: unknown) => scope.postMessage({ id, error: String(error) }),
    );
};
