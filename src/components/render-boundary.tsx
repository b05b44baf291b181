import { Component, type ReactNode } from 'react';

interface RenderBoundaryProps {
  /** Shown instead of the children once they threw while rendering. */
  fallback: (error: unknown) => ReactNode;
  /** A new value clears a caught error (the location, for a page). */
  resetKey?: unknown;
  children: ReactNode;
}

interface RenderBoundaryState {
  caught: boolean;
  error: unknown;
  resetKey: unknown;
}

/**
 * Keeps a render error to the part of the page that threw. Without one, React unmounts the whole
 * app on an uncaught render error and the reader sees a blank page; stored data is untrusted, so
 * a view that trips on some value must cost one message, not the conversation.
 */
export class RenderBoundary extends Component<RenderBoundaryProps, RenderBoundaryState> {
  state: RenderBoundaryState = { caught: false, error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<RenderBoundaryState> {
    return { caught: true, error };
  }

  static getDerivedStateFromProps(
    props: RenderBoundaryProps,
    state: RenderBoundaryState,
  ): Partial<RenderBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { caught: false, error: null, resetKey: props.resetKey };
  }

  render() {
    return this.state.caught ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** The message of whatever was thrown, for a fallback to show. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
