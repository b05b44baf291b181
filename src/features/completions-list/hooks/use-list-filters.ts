import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { CompletionsFilters } from '@/api/completions-list.ts';
import { parseListFilters, serializeListFilters } from '../utils/list-filters.ts';

/** The list's filters live in the URL: read them from it, and change them by navigating. */
export function useListFilters() {
  // wouter's search string is run through decodeURI, which would turn a literal "%25" into "%"
  // and corrupt values; subscribe through it, but read the raw query from the location.
  const routerSearch = useSearch();
  const search = typeof window === 'undefined' ? routerSearch : window.location.search;
  const filters = useMemo(() => parseListFilters(search), [search]);
  const [, navigate] = useLocation();
  const setFilters = useCallback(
    (next: CompletionsFilters) => navigate(`/${serializeListFilters(next)}`),
    [navigate],
  );
  return { filters, setFilters, search };
}
