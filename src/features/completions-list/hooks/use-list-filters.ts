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
  /** A search text and a date range (the local index's), kept with the filters. */
  const setSearch = useCallback(
    (search: Partial<Pick<ListRoute, 'q' | 'createdAfter' | 'createdBefore'>>) =>
      navigateTo((current) => ({ ...(current?.page === 'list' ? current : NO_LIST), ...search })),
    [navigateTo],
  );
  const search = { q: list.q, createdAfter: list.createdAfter, createdBefore: list.createdBefore };
  return { filters: list.filters, setFilters, search, setSearch, href: listHref(list) };
}
