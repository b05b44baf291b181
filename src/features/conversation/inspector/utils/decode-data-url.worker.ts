// Decodes data URLs off the main thread: in Chromium, fetch() of a multi-megabyte data URL
// on the page's thread runs as several 100 ms+ tasks; here it blocks nothing. The URL arrives
// as UTF-8 bytes in a transferred buffer (posting a 5 MB string would copy it on the page's
// thread, ~10-20 ms); it is turned back into a string here.
interface Job {
  id: number;
  bytes: Uint8Array;
}
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage: (message: { id: number; blob: Blob } | { id: number; error: string }) => void;
};

scope.onmessage = (event) => {
  const { id, bytes } = event.data;
  fetch(new TextDecoder().decode(bytes))
    .then((response) => response.blob())
    .then(
      (blob) => scope.postMessage({ id, blob }),
      (error: unknown) => scope.postMessage({ id, error: String(error) }),
    );
};
