// Decodes data URLs off the main thread: in Chromium, fetch() of a multi-megabyte data URL
// on the page's thread runs as several 100 ms+ tasks; here it blocks nothing.
interface Job {
  id: number;
  url: string;
}
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage: (message: { id: number; blob: Blob } | { id: number; error: string }) => void;
};

scope.onmessage = (event) => {
  const { id, url } = event.data;
  fetch(url)
    .then((response) => response.blob())
    .then(
      (blob) => scope.postMessage({ id, blob }),
      (error: unknown) => scope.postMessage({ id, error: String(error) }),
    );
};
