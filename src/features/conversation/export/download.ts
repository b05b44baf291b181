/** A file name from an id: anything but letters, digits, dot, dash and underscore becomes "_". */
export function exportFileName(completionId: string, extension: 'jsonl' | 'md'): string {
  const base = completionId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'completion';
  return `${base}.${extension}`;
}

// The browser reads a blob URL asynchronously after the click: revoke it a while later, not at
// once (an immediate revoke can cancel a large download).
const REVOKE_AFTER_MS = 60_000;

/** Saves `blob` as `fileName` through an `<a download>` click, then frees the object URL. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
