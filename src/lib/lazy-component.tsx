import { useEffect, useState, type ComponentType } from 'react';

/**
 * A code-split component loaded without Suspense. React 19 holds back a Suspense boundary's
 * content for 300 ms after its fallback showed (to batch reveals); for a route whose data is
 * already on its way that is pure delay. This renders the fallback until the chunk is in, then
 * the component, in a plain state update.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Component: ComponentType<P & { fallback: React.ReactNode }>; preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return pending;
  };

  function LazyComponent({ fallback, ...props }: P & { fallback: React.ReactNode }) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let active = true;
      preload().then(
        (next) => active && setComponent(() => next),
        () => active && setFailed(true),
      );
      return () => {
        active = false;
      };
    }, [component]);
    if (failed) {
      return (
        <div
          role="alert"
          className="m-4 rounded-lg border border-rose-200 bg-rose-50 p-4 text-rose-950"
        >
          This part of the viewer could not be loaded (a network problem, or the viewer was
          updated).{' '}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => window.location.reload()}
          >
            Reload the page
          </button>
        </div>
      );
    }
    if (!component) return <>{fallback}</>;
    const Loaded = component;
    return <Loaded {...(props as P)} />;
  }

  return { Component: LazyComponent, preload: () => void preload() };
}
