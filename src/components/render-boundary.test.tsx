import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RenderBoundary, errorMessage } from './render-boundary.tsx';

// React only runs error boundaries in a live DOM, which these unit tests don't have; the
// boundary's two state transitions are checked directly (the fuzz e2e sees it in Chromium).
describe('RenderBoundary', () => {
  const props = {
    fallback: (error: unknown) => <p>fallback: {errorMessage(error)}</p>,
    resetKey: '/a',
    children: <p>children</p>,
  };

  it('shows its children until they throw', () => {
    expect(renderToStaticMarkup(<RenderBoundary {...props} />)).toBe('<p>children</p>');
  });

  it('shows the fallback, with what was thrown, once they did', () => {
    const boundary = new RenderBoundary(props);
    boundary.state = {
      ...boundary.state,
      ...RenderBoundary.getDerivedStateFromError(new RangeError('Invalid time value')),
    };
    expect(renderToStaticMarkup(<>{boundary.render()}</>)).toBe(
      '<p>fallback: RangeError: Invalid time value</p>',
    );
  });

  it('clears a caught error when the reset key changes, and only then', () => {
    const caught = { caught: true, error: new Error('x'), resetKey: '/a' };
    expect(RenderBoundary.getDerivedStateFromProps(props, caught)).toBeNull();
    expect(RenderBoundary.getDerivedStateFromProps({ ...props, resetKey: '/b' }, caught)).toEqual({
      caught: false,
      error: null,
      resetKey: '/b',
    });
  });
});
