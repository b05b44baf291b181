import { useCallback, useMemo } from 'react';
import { useLocation } from 'wouter';
import { usePathname, useSearch } from 'wouter/use-browser-location';
import { locationRoute, parseRoute, routeHref, type Route } from './routes.ts';

/**
 * The current route, read from the raw location through the router's subscription (wouter's
 * own params and search went through decodeURI, which corrupts ids and values holding "%":
 * see routes.ts). Null for a path no page has.
 */
export function useCurrentRoute(): Route | null {
  const pathname = usePathname();
  const search = useSearch();
  return useMemo(() => parseRoute(pathname, search), [pathname, search]);
}

/**
 * A route, or one made from the route current at the time of the navigation (null: stay).
 */
export type RouteTarget = Route | ((current: Route | null) => Route | null);

/**
 * Navigates to a route (a selection that keeps the find term, say, is made from the current
 * one). Stable across renders.
 */
export function useNavigateTo(): (to: RouteTarget, options?: { replace?: boolean }) => void {
  const [, navigate] = useLocation();
  return useCallback(
    (to, options) => {
      const route = typeof to === 'function' ? to(locationRoute()) : to;
      if (route) navigate(routeHref(route), options);
    },
    [navigate],
  );
}
