import { useCallback } from 'react';
import type { CompletionsFilters } from '@/api/completions-list.ts';
import { useCurrentRoute, useNavigateTo } from '@/app/route-hooks.ts';
import { emptyFilters, listHref, type ListRoute } from '@/app/routes.ts';

const NO_LIST: ListRoute = {
  page: 'list',
  filters: emptyFilters,
  q: null,
  createdAfter: null,
  createdBefore: null,
};

/**
 * The list's filters live in the URL: read them from it, and change them by navigating. `href`
 * is the list's URL, one per filter set.
 */
export function useListFilters() {
  const route = useCurrentRoute();
  const list = route?.page === 'list' ? route : NO_LIST;
  const navigateTo = useNavigateTo();
  const setFilters = useCallback(
    (filters: CompletionsFilters) =>
      navigateTo((current) => ({ ...(current?.page === 'list' ? current : NO_LIST), filters })),
    [navigateTo],
  );
  return { filters: list.filters, setFilters, href: listHref(list) };
}
