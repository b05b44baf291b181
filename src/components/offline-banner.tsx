import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

/** TanStack Query pauses requests while the browser is offline: say so, instead of spinning. */
export function OfflineBanner() {
  const online = useSyncExternalStore(
    (onChange) => onlineManager.subscribe(onChange),
    () => onlineManager.isOnline(),
  );
  if (online) return null;
  return (
    <div
      role="status"
      className="shrink-0 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      You are offline. What is loaded stays on screen; loading resumes when the connection is back.
    </div>
  );
}
